import * as E from 'fp-ts/lib/Either.js'
import { isChecklistCommand, unknownCommandType, type IncidentCommand } from '../commands/command.js'
import type { DecideContext } from '../decide-context.js'
import type { IncidentEvent } from '../events/catalogue.js'
import type { IncidentError } from '../errors.js'
import { decideChecklist } from './decide-checklist.js'
import { decideLifecycle } from './decide-lifecycle.js'
import type { IncidentState } from './incident-state.js'
import { startIncident } from './start-incident.js'

/**
 * Decides an incident command: the events it produces, or why it cannot be done. Pure: the same
 * command, state and context always give the same answer.
 *
 * @example
 * const result = decideIncident({ type: 'CheckItem', incidentId: 'i1', itemId: 'triage' }, state, context)
 * // Right([{ type: 'checklist.item_checked', data: { itemId: 'triage' } }]) or Left({ _tag: 'ItemNotFound', ... })
 */
export const decideIncident = (
  command: IncidentCommand,
  state: IncidentState,
  context: DecideContext,
): E.Either<IncidentError, IncidentEvent[]> => {
  // The checklist's commands are the keys of their codecs, so a new one needs no label here.
  if (isChecklistCommand(command)) return decideChecklist(command, state, context)
  switch (command.type) {
    case 'StartIncident':
      return startIncident(command, state, context)
    case 'LinkChannel':
    case 'RenameIncident':
    case 'EndIncident':
    case 'ReopenIncident':
    case 'ChangeCommander':
    case 'PostStatusUpdate':
    case 'RecordStatusReminder':
    case 'SetMetadata':
    case 'AddNote':
    case 'SetMilestone':
      return decideLifecycle(command, state, context)
    default:
      return E.left(unknownCommandType(command))
  }
}
