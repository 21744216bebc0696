import { section, type StarterPlaybook } from './starter-playbook.js'

const p = 'support'

/** An urgent customer escalation: a high-priority ticket under a contractual response time. */
export const urgentSupportPlaybook: StarterPlaybook = {
  key: 'urgent-support',
  title: 'Urgent customer escalation',
  description:
    'A customer is blocked and the ticket is urgent or escalated. One named owner, updates at the agreed rhythm, and nothing closed before the customer confirms.',
  defaultSeverity: 'sev3',
  statusUpdateIntervalMinutes: 60,
  verbosity: 'assignees',
  checklists: [
    section(p, 'intake', 'Intake', [
      ['Confirm the customer, the plan and the response deadline', 10, 'The SLA clock may already be running: note when the first response is due.'],
      ['Collect evidence', 30, 'Request ids, timestamps with time zones, screenshots, affected users, what changed on their side.'],
      ['Check whether other customers are affected', 30, 'If they are, this is an outage: start or link a service incident and let it lead.'],
      ['Assign an owning engineer', 30, 'One person the customer\'s issue belongs to until it is closed.'],
    ]),
    section(p, 'customer', 'Customer communication', [
      ['Acknowledge with a named contact and the next update time', 15, 'Within the SLA, even if there is nothing to report yet.'],
      ['Agree on an update rhythm with the customer', 60, 'Then keep it; a missed update costs more trust than a late fix.'],
      ['Loop in the account manager', 60, 'They know the relationship and any commercial context.'],
    ]),
    section(p, 'resolve', 'Resolve', [
      ['Reproduce the problem', 120, 'In a test environment with the customer\'s configuration where possible.'],
      ['Offer a workaround', 180, 'Unblock the customer first; the real fix can follow.'],
      ['Ship and verify the fix with the customer', undefined, 'Confirm on their side, not only in our test.'],
      ['Close only after the customer confirms', undefined, 'Record the confirmation in the ticket.'],
    ]),
    section(p, 'follow-up', 'Follow-up', [
      ['Write the knowledge-base article', undefined, 'Symptoms, cause, workaround, fix version.'],
      ['Report the root cause to the product team', undefined, 'With the ticket and how often it happens.'],
      ['Check SLA credits owed', undefined, 'Compare response and resolution times with the contract.'],
    ]),
  ],
}
