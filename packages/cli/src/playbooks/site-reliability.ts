import { section, type StarterPlaybook } from './starter-playbook.js'

const p = 'sre'

/** An outage or a degradation of a production service. */
export const siteReliabilityPlaybook: StarterPlaybook = {
  key: 'site-reliability',
  title: 'Service outage or degradation',
  description:
    'A production service is down, slow or returning errors. Mitigate first (roll back, fail over, shed load), find the cause after; keep customers informed on a fixed rhythm.',
  defaultSeverity: 'sev2',
  statusUpdateIntervalMinutes: 30,
  verbosity: 'all',
  checklists: [
    section(p, 'triage', 'Triage', [
      ['Acknowledge the page and declare the incident', 5, 'Declaring early is cheap; you can always downgrade.'],
      ['Describe customer impact', 15, 'Which features, which regions, what share of requests fail or are slow. Use the SLO dashboards, not guesses.'],
      ['Set the severity', 15, 'sev1: most customers cannot use the product; sev2: a major feature or a region; sev3: degraded with a workaround.'],
      ['Name an operations lead and a communications lead', 15, 'The commander decides and delegates; they do not debug.'],
    ]),
    section(p, 'mitigate', 'Mitigate', [
      ['List changes in the two hours before impact began', 20, 'Deploys, feature flags, configuration, infrastructure, certificates, dependency upgrades, traffic shifts.'],
      ['Roll back the suspect change or turn off its flag', 30, 'If a change lines up with the start of impact, roll it back first and prove causation later.'],
      ['Shed load or scale out', 30, 'Rate-limit abusive clients, disable expensive non-critical features, add capacity.'],
      ['Fail over to a healthy region or replica', 45, 'Only with a tested runbook; a failover under pressure can make things worse.'],
      ['Confirm recovery on the dashboards', 60, 'Error rate and latency back inside the SLO, not just "looks better".'],
    ]),
    section(p, 'diagnose', 'Diagnose', [
      ['Collect logs, traces and metrics for the impact window', 45, 'Save links and queries in the timeline: dashboards expire, retention rolls over.'],
      ['Check dependencies', 45, 'Databases, caches, queues, DNS, the cloud provider\'s and vendors\' status pages.'],
      ['Write each hypothesis and its test result as a note', undefined, 'A written trail stops the team from testing the same idea twice.'],
    ]),
    section(p, 'communicate', 'Communicate', [
      ['Post the first status page update', 15, 'Short and honest: what is affected, that we are working on it, when the next update comes.'],
      ['Give support talking points and a known-issue macro', 30, 'Support hears from customers first; give them words and a ticket to link.'],
      ['Update the status page at every status interval', undefined, 'Even "no news" is news: say what you tried and when the next update comes.'],
      ['Announce the resolution', undefined, 'Status page, support, internal channels: impact window and what customers may need to do.'],
    ]),
    section(p, 'close', 'Recover and close', [
      ['Watch the service for 30 minutes after mitigation', undefined, 'Resolve only after the SLO has held; flapping incidents come back.'],
      ['Remove temporary mitigations safely', undefined, 'Feature flags, rate limits, extra capacity, manual overrides: each with an owner and a date.'],
      ['Check data integrity and backfill missed work', undefined, 'Failed jobs, dropped webhooks, partial writes during the impact window.'],
      ['Schedule the postmortem and file follow-up tickets', undefined, 'Within five working days; every action item has an owner and a due date.'],
    ]),
  ],
}
