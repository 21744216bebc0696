import { formatTimestamp, titlesOverTime, type IncidentRecord, type TimelineRecord, type TitlesAtTheTime } from '@incident-kit/projections'
import { utcTime } from './utc-time.js'

/** Event types worth a message when a playbook asks for key events only. */
export const KEY_EVENT_TYPES: ReadonlySet<string> = new Set([
  'incident.started',
  'incident.ended',
  'incident.reopened',
  'incident.renamed',
  'incident.commander_changed',
  'incident.status_updated',
  'incident.metadata_set',
  'incident.milestone_set',
])

/** Events that never become a channel message (the channel link, reminders go to the commander). */
const SILENT_TYPES: ReadonlySet<string> = new Set(['incident.channel_linked', 'incident.status_reminder_sent'])

type Mention = (userId: string) => Promise<string>

const quote = (text: string) => text.split('\n').map((line) => `> ${line}`).join('\n')
const str = (value: unknown) => (typeof value === 'string' ? value : '')

/** Events whose `data.title` is the title they give (an addition or a rename). */
const TITLE_GIVING_TYPES: ReadonlySet<string> = new Set(['checklist.item_added', 'checklist.item_renamed', 'checklist.section_added', 'checklist.section_renamed'])

/*
 * The titles of a whole timeline, once per timeline: the model never changes one (a new event makes
 * a new array), and a backlog of an incident's events would otherwise walk its timeline per event.
 */
const titlesByTimeline = new WeakMap<readonly TimelineRecord[], TitlesAtTheTime[]>()
const titlesOf = (timeline: readonly TimelineRecord[]) => {
  let titles = titlesByTimeline.get(timeline)
  if (titles === undefined) titlesByTimeline.set(timeline, (titles = titlesOverTime(timeline)))
  return titles
}

/**
 * The sentence for the event at `index` in the incident's timeline, as posted in its channel: who
 * did what, and when. `undefined` for events that are not announced. An item or section is named
 * as it was just before the event (as the postmortem timeline names it), so a message delivered
 * late, after a rename, still names what people saw then.
 *
 * @example
 * await eventMessage(incident, 7, names.mention) // '☑️ @alice checked **Roll back the deploy** · 10:42 UTC'
 */
export const eventMessage = async (incident: IncidentRecord, index: number, mention: Mention): Promise<string | undefined> => {
  const record = incident.timeline[index]
  if (record === undefined || SILENT_TYPES.has(record.type)) return undefined
  const who = await mention(record.actorId)
  const d = (typeof record.data === 'object' && record.data !== null ? record.data : {}) as Readonly<Record<string, unknown>>
  const before = titlesOf(incident.timeline)[index]?.subjectTitle ?? null
  const title = TITLE_GIVING_TYPES.has(record.type) ? str(d.title) : (before ?? str(d.title))
  const subject = `**${title || '?'}**`
  const renamedFrom = before === null ? undefined : `**${before}**`
  const text = await sentence(record.type, who, subject, d, mention, renamedFrom)
  return text === undefined ? undefined : `${text} · ${utcTime(record.occurredAt)}`
}

const sentence = async (
  type: string,
  who: string,
  subject: string,
  d: Readonly<Record<string, unknown>>,
  mention: Mention,
  renamedFrom: string | undefined,
): Promise<string | undefined> => {
  switch (type) {
    case 'incident.started': {
      const commander = await mention(str(d.commanderId))
      const severity = str(d.severity) ? ` (severity ${str(d.severity)})` : ''
      return `:rotating_light: ${who} started the incident **${str(d.name)}**${severity}; ${commander} commands it`
    }
    case 'incident.ended':
      return `:white_check_mark: ${who} ended the incident`
    case 'incident.reopened':
      return `:leftwards_arrow_with_hook: ${who} reopened the incident`
    case 'incident.renamed':
      return `${who} renamed the incident to **${str(d.name)}**`
    case 'incident.commander_changed':
      return `:crown: ${who} handed command from ${await mention(str(d.from))} to ${await mention(str(d.to))}`
    case 'incident.status_updated':
      return `:mega: **Status update** from ${who}:\n${quote(str(d.message))}`
    case 'incident.metadata_set':
      return d.value === null ? `${who} cleared **${str(d.key)}**` : `${who} set **${str(d.key)}** to **${str(d.value)}**`
    case 'incident.note_added':
      return `:memo: ${who} noted:\n${quote(str(d.text))}`
    case 'incident.milestone_set':
      return `:round_pushpin: ${who} marked **${str(d.milestone)}** at ${formatTimestamp(str(d.at))}`
    case 'checklist.section_added':
      return `${who} added the section ${subject}`
    case 'checklist.section_renamed':
      return `${who} renamed ${renamedFrom ? `the section ${renamedFrom}` : 'a section'} to ${subject}`
    case 'checklist.section_removed':
      return `${who} removed the section ${subject}`
    case 'checklist.item_added':
      return `:heavy_plus_sign: ${who} added ${subject}`
    case 'checklist.item_removed':
      return `:heavy_minus_sign: ${who} removed ${subject}`
    case 'checklist.item_renamed':
      return `${who} renamed ${renamedFrom ?? 'an item'} to ${subject}`
    case 'checklist.item_moved':
      return `${who} moved ${subject}`
    case 'checklist.item_checked':
      return `:ballot_box_with_check: ${who} checked ${subject}`
    case 'checklist.item_unchecked':
      return `:arrow_backward: ${who} unchecked ${subject}`
    case 'checklist.item_skipped':
      return `:fast_forward: ${who} skipped ${subject}`
    case 'checklist.item_restored':
      return `${who} restored ${subject}`
    case 'checklist.item_assigned':
      return d.assigneeId === null ? `${who} unassigned ${subject}` : `:bust_in_silhouette: ${who} assigned ${subject} to ${await mention(str(d.assigneeId))}`
    case 'checklist.item_due_set':
      return d.dueAt === null ? `${who} cleared the due time of ${subject}` : `:alarm_clock: ${who} set ${subject} due at ${formatTimestamp(str(d.dueAt))}`
    case 'checklist.item_command_run':
      return `${who} ran \`${str(d.command)}\` for ${subject}`
    default:
      return undefined
  }
}
