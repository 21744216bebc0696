import { section, type StarterPlaybook } from './starter-playbook.js'

const p = 'infosec'

/** A security incident: suspected compromise, leaked credentials, malware, data exposure. */
export const informationSecurityPlaybook: StarterPlaybook = {
  key: 'information-security',
  title: 'Information security incident',
  description:
    'Suspected compromise, leaked credentials, malware or data exposure. Contain first, but preserve evidence before you change a system; keep the channel need-to-know.',
  defaultSeverity: 'sev2',
  statusUpdateIntervalMinutes: 30,
  verbosity: 'key',
  checklists: [
    section(p, 'triage', 'Triage and scope', [
      ['Confirm the alert is a true positive', 15, 'Check the raw signal (EDR, SIEM, cloud audit log, the reporter\'s evidence) before waking more people.'],
      ['Restrict the channel to people with a need to know', 15, 'The attacker may read chat or mail: discuss details only here, never in public channels or tickets.'],
      ['Name a scribe and a communications lead', 20, 'The commander coordinates; the scribe keeps the timeline; the comms lead owns every outside message.'],
      ['List affected systems, accounts and data', 45, 'Hosts, identities, repositories, buckets, customer data classes. Update the list as you learn more.'],
    ]),
    section(p, 'evidence', 'Preserve evidence', [
      ['Capture memory of affected hosts before any reboot', 30, 'Volatile evidence disappears on reboot or power-off: isolate on the network instead of shutting down.'],
      ['Snapshot disks and cloud volumes', 45, 'Snapshot before re-imaging; tag snapshots with the incident id and keep them out of retention cleanup.'],
      ['Export and hash the relevant logs', 60, 'Identity provider, VPN, cloud audit, EDR, proxy, mail. Record SHA-256 hashes and who collected what, when (chain of custody).'],
      ['Place a legal hold on logs and mailboxes involved', 120, 'Stop automatic deletion of the evidence while the investigation runs.'],
    ]),
    section(p, 'contain', 'Contain', [
      ['Isolate compromised hosts from the network', 30, 'Use EDR network containment or a quarantine VLAN; keep the host running for forensics.'],
      ['Revoke sessions and rotate exposed credentials', 45, 'Passwords, API keys, OAuth tokens, SSH keys, cloud access keys. Rotate the secrets the attacker could have read, not only the ones you know were used.'],
      ['Block indicators of compromise', 60, 'IP addresses, domains, file hashes, sender addresses: at the firewall, proxy, EDR and mail gateway.'],
      ['Disable accounts the attacker created or controls', 60, 'Check for new admin accounts, added MFA devices, mail forwarding rules and OAuth app grants.'],
    ]),
    section(p, 'eradicate', 'Eradicate and recover', [
      ['Identify the initial access vector', 240, 'Phishing, exposed service, stolen credential, vulnerable dependency: recovery is not done until this path is closed.'],
      ['Remove persistence', 240, 'Scheduled tasks, services, startup items, web shells, SSH authorized_keys, new IAM roles.'],
      ['Patch or mitigate the exploited weakness', 480, 'Apply the patch or a compensating control everywhere the weakness exists, not only on the affected host.'],
      ['Rebuild affected systems from known-good images', 480, 'Do not clean a compromised host in place; restore data from backups taken before the compromise.'],
      ['Watch restored systems with raised monitoring', 1440, 'Alert on the indicators found during the investigation for at least two weeks.'],
    ]),
    section(p, 'obligations', 'Legal, regulatory and communication', [
      ['Brief legal and the privacy officer', 60, 'Personal data involved? Regulators may have to be told within 72 hours of awareness (GDPR art. 33).'],
      ['Decide on law-enforcement and insurer notification', 240, 'Cyber insurance policies often require notice before you engage outside responders.'],
      ['Prepare the customer notification', 480, 'What happened, what data, what we did, what they should do. Reviewed by legal before it goes out.'],
      ['Brief leadership with facts, impact and next update time', 60, 'Facts only; say what is not known yet.'],
    ]),
    section(p, 'follow-up', 'Follow-up', [
      ['Schedule a blameless postmortem within five working days', undefined, 'Invite responders, the system owners and security engineering.'],
      ['Turn the indicators into detection rules', undefined, 'What would have caught this earlier? Add it to the SIEM and test it.'],
    ]),
  ],
}
