import { incidentError, type Command, type IncidentError, type PlaybookSectionSpec } from '@incident-kit/core'
import { runeLength } from '../render/post-size.js'

/**
 * The most characters each text people write may have. The dialogs' fields have the same maxima,
 * but a dialog submission can be forged and a slash command has no such limits: without these,
 * one status update could make every post that quotes it too long for Mattermost.
 */
export const TEXT_LIMITS = {
  incidentName: 120,
  channelName: 64,
  description: 3_000,
  statusUpdate: 3_000,
  note: 3_000,
  sectionTitle: 100,
  itemTitle: 150,
  fieldName: 64,
  fieldValue: 500,
  severity: 64,
  milestone: 64,
  playbookTitle: 100,
} as const

/** One text of a command: what people call it, the command's field, its limit. */
interface Text {
  readonly label: string
  readonly field: string
  readonly max: number
  readonly value: string | null | undefined
}

const text = (label: string, field: string, max: number, value: string | null | undefined): Text => ({ label, field, max, value })

const checklistTexts = (sections: readonly PlaybookSectionSpec[]): Text[] =>
  sections.flatMap((section) => [
    text('section title', 'checklists.title', TEXT_LIMITS.sectionTitle, section.title),
    ...section.items.map((item) => text('item title', 'checklists.items.title', TEXT_LIMITS.itemTitle, item.title)),
  ])

/** The texts people write in each command the bot sends; ids and times are not theirs to choose. */
const textsOf = (command: Command): Text[] => {
  switch (command.type) {
    case 'StartIncident':
      return [
        text('incident name', 'name', TEXT_LIMITS.incidentName, command.name),
        text('channel name', 'channelName', TEXT_LIMITS.channelName, command.channelName),
        text('description', 'description', TEXT_LIMITS.description, command.description),
        text('severity', 'severity', TEXT_LIMITS.severity, command.severity),
      ]
    case 'PostStatusUpdate':
      return [text('status update', 'message', TEXT_LIMITS.statusUpdate, command.message)]
    case 'AddNote':
      return [text('note', 'text', TEXT_LIMITS.note, command.text)]
    case 'SetMetadata':
      return [text('field name', 'key', TEXT_LIMITS.fieldName, command.key), text('field value', 'value', TEXT_LIMITS.fieldValue, command.value)]
    case 'SetMilestone':
      return [text('milestone', 'milestone', TEXT_LIMITS.milestone, command.milestone)]
    case 'AddSection':
      return [text('section title', 'title', TEXT_LIMITS.sectionTitle, command.title)]
    case 'AddItem':
      return [text('item title', 'title', TEXT_LIMITS.itemTitle, command.title)]
    case 'CreatePlaybook':
      return [
        text('playbook title', 'title', TEXT_LIMITS.playbookTitle, command.title),
        text('playbook description', 'description', TEXT_LIMITS.description, command.description),
        text('default severity', 'defaultSeverity', TEXT_LIMITS.severity, command.defaultSeverity),
        ...checklistTexts(command.checklists),
      ]
    default:
      return []
  }
}

const count = (n: number) => n.toLocaleString('en-US')

/**
 * The first text of a command longer than its limit, as an `InvalidCommand` naming the text and
 * the limit; `undefined` when every text fits. Every command a person asks for passes here
 * (`send`), whether it came from a slash command, a button or a dialog.
 *
 * @example
 * textLimitProblem({ type: 'AddNote', incidentId, text: 'x'.repeat(4_000) })
 * // { _tag: 'InvalidCommand', field: 'text', message: 'the note is too long: 4,000 characters, at most 3,000' }
 */
export const textLimitProblem = (command: Command): IncidentError | undefined => {
  for (const { label, field, max, value } of textsOf(command)) {
    const length = value ? runeLength(value) : 0
    if (length > max) return incidentError('InvalidCommand', { field }, `the ${label} is too long: ${count(length)} characters, at most ${count(max)}`)
  }
  return undefined
}
