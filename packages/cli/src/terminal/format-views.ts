import { formatDuration, formatOffset, type IncidentSummary, type ItemDuration, type TimelineEntry } from '@incident-kit/projections'
import { clockTime, textTable } from './text-layout.js'

/**
 * The side panel for a terminal: one block per active incident.
 *
 * @example
 * formatSidePanel(activeIncidents(model, 'team-1')) // '● API down  sev2  commander @bob  #api-down …'
 */
export const formatSidePanel = (incidents: readonly IncidentSummary[]): string => {
  if (incidents.length === 0) return '(no active incidents)'
  return incidents
    .map((incident) => {
      const { done, total } = incident.progress
      const status = incident.lastStatusUpdate ? `\n  last update ${clockTime(incident.lastStatusUpdate.at)}: ${incident.lastStatusUpdate.message}` : ''
      return [
        `● ${incident.name}${incident.severity ? `  [${incident.severity}]` : ''}`,
        `  commander @${incident.commanderId} · channel ~${incident.channel.name} · started ${clockTime(incident.startedAt)} · checklist ${done}/${total}${status}`,
      ].join('\n')
    })
    .join('\n\n')
}

/**
 * The postmortem timeline for a terminal: time, offset from the start, sentence.
 *
 * @example
 * formatTimeline(timeline(model, 'i1') ?? [])
 */
export const formatTimeline = (entries: readonly TimelineEntry[]): string =>
  entries.map((entry) => `${clockTime(entry.at)}  ${formatOffset(entry.offsetFromStart).padStart(7)}  ${entry.text}`).join('\n')

/**
 * Item durations for a terminal, slowest first, as the view orders them.
 *
 * @example
 * formatItemDurations(itemDurations(model, 'i1') ?? [])
 */
export const formatItemDurations = (durations: readonly ItemDuration[]): string =>
  textTable(
    ['Item', 'State', 'Assignee', 'Done at', 'From start', 'From added', 'Checked', 'Unchecked'],
    durations.map((d) => [
      d.title.length > 56 ? `${d.title.slice(0, 55)}…` : d.title,
      d.state,
      d.assigneeId === null ? '-' : `@${d.assigneeId}`,
      clockTime(d.lastCompletedAt),
      formatDuration(d.msFromStart),
      formatDuration(d.msFromAdded),
      String(d.timesChecked),
      String(d.timesUnchecked),
    ]),
  )
