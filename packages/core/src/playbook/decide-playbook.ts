import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { unknownCommandType, type PlaybookCommand } from '../commands/command.js'
import { domainEvent, type PlaybookEvent } from '../events/catalogue.js'
import { incidentError, type IncidentError } from '../errors.js'
import { requireChecklistIds, requireMinutes } from '../incident/incident-guards.js'
import { checklistIds, repeatedChecklistId } from '../incident/repeated-checklist-id.js'
import type { PlaybookState } from './playbook-state.js'

type Content = Omit<Extract<PlaybookCommand, { type: 'UpdatePlaybook' }>, 'type' | 'playbookId'>

/** Section and item ids must be unique within a playbook: incidents copy them as stable ids. */
const validateContent = (content: Content): E.Either<IncidentError, Content> => {
  if (content.title.trim() === '') return E.left(incidentError('InvalidCommand', { field: 'title' }, 'title must not be empty'))
  const emptyId = requireChecklistIds(content.checklists)
  if (E.isLeft(emptyId)) return emptyId
  const repeated = repeatedChecklistId(checklistIds(content.checklists))
  if (repeated !== undefined) return E.left(incidentError('InvalidCommand', { field: 'checklists' }, `id ${repeated} is used twice in the playbook`))
  const tooManyMinutes = [
    ...(content.statusUpdateIntervalMinutes !== undefined ? [requireMinutes('statusUpdateIntervalMinutes', content.statusUpdateIntervalMinutes)] : []),
    ...content.checklists.flatMap((s) => s.items.flatMap((i) => (i.dueAfterMinutes !== undefined ? [requireMinutes(`checklists.${s.sectionId}.${i.itemId}.dueAfterMinutes`, i.dueAfterMinutes)] : []))),
  ].find(E.isLeft)
  if (tooManyMinutes) return tooManyMinutes
  const untitled = content.checklists.flatMap((s) => [s, ...s.items]).find((x) => x.title.trim() === '')
  if (untitled) return E.left(incidentError('InvalidCommand', { field: 'checklists' }, 'every section and item needs a title'))
  return E.right({ ...content, title: content.title.trim() })
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
        validateContent(data),
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
