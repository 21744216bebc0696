import type { TimelineRecord } from '../model/read-model.js'
import type { TitlesAtTheTime } from './titles-over-time.js'

/** How a user id appears in a sentence; `@<id>` unless the caller knows user names. */
export type Mention = (userId: string) => string

export const defaultMention: Mention = (userId) => `@${userId}`

type TitledRecord = TimelineRecord & TitlesAtTheTime
type Sentence = (entry: TitledRecord, who: string, mention: Mention) => string

const field = (entry: TitledRecord, key: string): string => {
  const value = (entry.data as Record<string, unknown>)[key]
  return typeof value === 'string' ? value : ''
}
const quoted = (text: string | null) => `'${text ?? '(unknown)'}'`
const item = (entry: TitledRecord) => quoted(entry.subjectTitle)

const sentences: Record<string, Sentence> = {
  'incident.started': (e, who, mention) => {
    const commander = field(e, 'commanderId')
    const as = commander === e.actorId ? '' : ` with ${mention(commander)} as commander`
    return `${who} started the incident ${quoted(field(e, 'name'))}${as}`
  },
  'incident.channel_linked': (e, who) => `${who} linked the channel ~${field(e, 'channelName')}`,
  'incident.renamed': (e, who) => `${who} renamed the incident to ${quoted(field(e, 'name'))}`,
  'incident.ended': (_, who) => `${who} ended the incident`,
  'incident.reopened': (_, who) => `${who} reopened the incident`,
  'incident.commander_changed': (e, who, mention) =>
    `${who} changed the commander from ${mention(field(e, 'from'))} to ${mention(field(e, 'to'))}`,
  'incident.status_updated': (e, who) => `${who} posted a status update: "${field(e, 'message')}"`,
  'incident.status_reminder_sent': (e, who) => `${who} sent a status update reminder (due ${field(e, 'dueAt')})`,
  'incident.metadata_set': (e, who) =>
    (e.data as { value: unknown }).value === null
      ? `${who} cleared ${field(e, 'key')}`
      : `${who} set ${field(e, 'key')} to ${quoted(field(e, 'value'))}`,
  'incident.note_added': (e, who) => `${who} added a note: "${field(e, 'text')}"`,
  'incident.milestone_set': (e, who) => `${who} set the milestone ${quoted(field(e, 'milestone'))} at ${field(e, 'at')}`,
  'checklist.section_added': (e, who) => `${who} added the section ${quoted(field(e, 'title'))}`,
  'checklist.section_renamed': (e, who) => `${who} renamed the section ${item(e)} to ${quoted(field(e, 'title'))}`,
  'checklist.section_removed': (e, who) => `${who} removed the section ${item(e)} with its items`,
  'checklist.item_added': (e, who) => `${who} added ${quoted(field(e, 'title'))} to ${quoted(e.otherTitle)}`,
  'checklist.item_removed': (e, who) => `${who} removed ${item(e)}`,
  'checklist.item_renamed': (e, who) => `${who} renamed ${item(e)} to ${quoted(field(e, 'title'))}`,
  'checklist.item_moved': (e, who) => `${who} moved ${item(e)} to ${quoted(e.otherTitle)}`,
  'checklist.item_checked': (e, who) => `${who} checked ${item(e)}`,
  'checklist.item_unchecked': (e, who) => `${who} unchecked ${item(e)}`,
  'checklist.item_skipped': (e, who) => `${who} skipped ${item(e)}`,
  'checklist.item_restored': (e, who) => `${who} restored ${item(e)}`,
  'checklist.item_assigned': (e, who, mention) =>
    (e.data as { assigneeId: unknown }).assigneeId === null ? `${who} unassigned ${item(e)}` : `${who} assigned ${item(e)} to ${mention(field(e, 'assigneeId'))}`,
  'checklist.item_due_set': (e, who) =>
    (e.data as { dueAt: unknown }).dueAt === null ? `${who} cleared the due date of ${item(e)}` : `${who} set ${item(e)} due at ${field(e, 'dueAt')}`,
  'checklist.item_command_run': (e, who) => `${who} ran ${quoted(field(e, 'command'))} for ${item(e)}`,
}

/**
 * The sentence a person reads for one event, naming titles as they were at that time.
 *
 * @example
 * const titles = titlesOverTime(incident.timeline)
 * timelineText(incident.timeline[5]!, titles[5]!) // "@alice checked 'Roll back deploy'"
 * timelineText(incident.timeline[5]!, titles[5]!, (id) => `@${usernames[id]}`)
 */
export const timelineText = (record: TimelineRecord, titles: TitlesAtTheTime, mention: Mention = defaultMention): string => {
  const who = mention(record.actorId)
  const sentence = sentences[record.type]
  if (!sentence) return `${who}: ${record.type}`
  const { position, type, occurredAt, recordedAt, actorId, data } = record
  return sentence({ position, type, occurredAt, recordedAt, actorId, data, subjectTitle: titles.subjectTitle, otherTitle: titles.otherTitle }, who, mention)
}
