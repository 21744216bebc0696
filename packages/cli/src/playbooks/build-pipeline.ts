import { section, type StarterPlaybook } from './starter-playbook.js'

const p = 'build'

/** The build or release pipeline is broken, blocked or suspected of tampering. */
export const buildPipelinePlaybook: StarterPlaybook = {
  key: 'build-pipeline',
  title: 'Build pipeline broken or release blocked',
  description:
    'CI is red on the main branch, releases cannot ship, or an artifact or dependency may have been tampered with. Restore a trustworthy green pipeline, then unblock the teams.',
  defaultSeverity: 'sev3',
  statusUpdateIntervalMinutes: 60,
  verbosity: 'key',
  checklists: [
    section(p, 'triage', 'Triage', [
      ['Find the failing stage and the first bad build', 15, 'Compare it with the last green build: commit, runner image, dependency lock file, secrets.'],
      ['Assess the blast radius', 20, 'Which repositories, branches and teams are blocked; is a release or a security fix waiting?'],
      ['Freeze merges to the main branch', 20, 'Stop new changes piling on a red build; announce the freeze and how to request an exception.'],
    ]),
    section(p, 'restore', 'Restore the pipeline', [
      ['Revert the offending change or pin the last good dependency', 45, 'Reverting is faster and safer than a fix forward under pressure.'],
      ['Rule out the runners', 45, 'Capacity and quotas, full disks, a changed base image, a poisoned cache: retry on a clean runner with caches off.'],
      ['Check expiring credentials', 45, 'Signing certificates, registry and deploy tokens, cloud credentials used by CI.'],
      ['Get the main branch green again', 90, 'A full run, not a partial retry.'],
    ]),
    section(p, 'integrity', 'Artifact integrity', [
      ['Verify artifacts published during the incident window', 120, 'Checksums and signatures against the build logs; provenance attestations if you have them.'],
      ['Review dependency and lock-file changes', 120, 'Unexpected versions, new maintainers, install scripts, typo-squatted names.'],
      ['Quarantine or yank bad artifacts', 180, 'Registries, container images, CDN copies. Tell consumers which versions to avoid.'],
    ]),
    section(p, 'communicate', 'Communicate', [
      ['Post the status and an estimate in the engineering channel', 30, 'Blocked teams plan around an honest estimate better than around silence.'],
      ['Tell release management whether the release date holds', 60, 'Say which fixes are stuck behind the pipeline.'],
    ]),
    section(p, 'close', 'Recover and close', [
      ['Lift the merge freeze and re-run blocked pipelines', undefined, 'Announce it; watch the first builds after the freeze.'],
      ['Add a check that would have caught this', undefined, 'A test, a pinned version, an alert on credential expiry.'],
      ['Schedule the postmortem', undefined, 'Invite the owners of the failing stage and of the change.'],
    ]),
  ],
}
