import { currentItems, formatTimestamp, type IncidentRecord } from '@incident-kit/projections'
import { postableMessage } from './postable.js'

const RECENT = 5

/**
 * The private catch-up for someone who joins an incident's channel: what it is, who commands, the
 * latest status update, the open items and who holds them.
 *
 * @example
 * await onboardingMessage(incident, names.mention)
 */
export const onboardingMessage = async (incident: IncidentRecord, mention: (userId: string) => Promise<string>): Promise<string> => {
  const lines = [
    `:wave: Welcome to **${incident.name}**, started ${formatTimestamp(incident.startedAt)}.`,
    `**Commander:** ${await mention(incident.commanderId)}${incident.metadata.severity ? ` · **Severity:** ${incident.metadata.severity}` : ''}`,
  ]
  if (incident.metadata.description) lines.push(`**What happened:** ${incident.metadata.description}`)
  const last = incident.statusUpdates.at(-1)
  lines.push(last ? `**Latest status** (${formatTimestamp(last.at)}, ${await mention(last.authorId)}):\n> ${last.message.split('\n').join('\n> ')}` : '_No status update yet._')
  const open = currentItems(incident).filter((item) => item.state === 'open')
  if (open.length > 0) {
    lines.push('**Open items:**')
    for (const item of open.slice(0, 20)) lines.push(`- ${item.title}${item.assigneeId ? ` (${await mention(item.assigneeId)})` : ' (unassigned)'}`)
  } else lines.push('No open checklist items.')
  const recent = incident.statusUpdates.length > 1 ? incident.statusUpdates.slice(-RECENT, -1) : []
  if (recent.length > 0) lines.push('**Earlier updates:**', ...recent.map((u) => `- ${formatTimestamp(u.at)}: ${u.message.split('\n')[0]}`))
  return postableMessage(lines.join('\n'))
}
