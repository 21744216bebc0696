import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { unknownCommandType, type PlaybookCommand } from '../commands/command.js'
import { domainEvent, type PlaybookEvent } from '../events/catalogue.js'
import type { PlaybookItemSpec } from '../events/checklist-shape.js'
import { incidentError, type IncidentError } from '../errors.js'
import { checkedChecklist, type ItemCheck } from '../incident/checked-checklist.js'
import { listedIds, requireIds, requireMinutes, requireText } from '../incident/incident-guards.js'
import { checklistIds, repeatedChecklistId } from '../incident/repeated-checklist-id.js'
import type { PlaybookState } from './playbook-state.js'

type Content = Omit<Extract<PlaybookCommand, { type: 'UpdatePlaybook' }>, 'type' | 'playbookId'>

/** An item's due offset: whole minutes up to ten years, so that an incident can date it. */
const playbookItem: ItemCheck<PlaybookItemSpec> = (path, item) =>
  item.dueAfterMinutes === undefined
    ? E.right(item)
    : pipe(
        requireMinutes(`${path}.dueAfterMinutes`, item.dueAfterMinutes),
        E.map(() => item),
      )

/**
 * The content as it is stored: titles trimmed, the checklist checked as `StartIncident` checks its
 * own. Section and item ids must be unique within a playbook: incidents copy them as stable ids.
 */
const validateContent = (content: Content): E.Either<IncidentError, Content> => {
  const titleOrError = requireText('title', content.title)
  if (E.isLeft(titleOrError)) return titleOrError
  const title = titleOrError.right
  const channels = requireIds(listedIds('broadcastChannelIds', content.broadcastChannelIds))
  if (E.isLeft(channels)) return channels
  const checklists = checkedChecklist(content.checklists, playbookItem)
  if (E.isLeft(checklists)) return checklists
  const repeated = repeatedChecklistId(checklistIds(checklists.right))
  if (repeated !== undefined) return E.left(incidentError('InvalidCommand', { field: 'checklists' }, `id ${repeated} is used twice in the playbook`))
  if (content.statusUpdateIntervalMinutes !== undefined) {
    const interval = requireMinutes('statusUpdateIntervalMinutes', content.statusUpdateIntervalMinutes)
    if (E.isLeft(interval)) return interval
  }
  // The list is copied: the event must share no array with the command, which its caller still holds.
  return E.right({
    ...content,
    title,
    checklists: [...checklists.right],
    ...(content.broadcastChannelIds !== undefined ? { broadcastChannelIds: [...content.broadcastChannelIds] } : {}),
  })
}

const requireActivePlaybook = (state: PlaybookState, playbookId: string): E.Either<IncidentError, PlaybookState> => {
  if (state.status === 'none') return E.left(incidentError('PlaybookNotFound', { playbookId }, `no playbook ${playbookId}`))
  if (state.status === 'archived') {
    return E.left(incidentError('PlaybookArchived', { playbookId }, `playbook "${state.title}" is archived`))
  }
  return E.right(state)
}

/**
 * Decides a playbook command against the playbook's state.
 *
 * @example
 * decidePlaybook({ type: 'ArchivePlaybook', playbookId: 'p1' }, state) // Right([playbook.archived])
 */
export const decidePlaybook = (command: PlaybookCommand, state: PlaybookState): E.Either<IncidentError, PlaybookEvent[]> => {
  switch (command.type) {
    case 'CreatePlaybook': {
      if (state.status !== 'none') {
        return E.left(incidentError('PlaybookAlreadyExists', { playbookId: command.playbookId }, `playbook ${command.playbookId} exists`))
      }
      const { type: _type, ...data } = command
      return pipe(
        requireIds([
          ['playbookId', data.playbookId],
          ['teamId', data.teamId],
        ]),
        E.chain(() => validateContent(data)),
        E.map((content) => [domainEvent('playbook.created', { ...data, ...content })]),
      )
    }
    case 'UpdatePlaybook': {
      const { type: _type, playbookId, ...content } = command
      return pipe(
        requireActivePlaybook(state, playbookId),
        E.chain(() => validateContent(content)),
        E.map((valid) => [domainEvent('playbook.updated', valid)]),
      )
    }
    case 'ArchivePlaybook':
      return pipe(
        requireActivePlaybook(state, command.playbookId),
        E.map(() => [domainEvent('playbook.archived', {})]),
      )
    default:
      return E.left(unknownCommandType(command))
  }
}
