import * as E from 'fp-ts/lib/Either.js'
import type { Command } from '../commands/command.js'
import { EVENT_OF_COMMAND } from '../commands/event-of-command.js'
import { incidentIdOfStream, playbookIdOfStream, type StoredEvent } from '../events/envelope.js'
import { incidentError, type IncidentError } from '../errors.js'

const streamName = (streamId: string) => {
  const incidentId = incidentIdOfStream(streamId)
  if (incidentId !== undefined) return `incident ${incidentId}`
  const playbookId = playbookIdOfStream(streamId)
  return playbookId !== undefined ? `playbook ${playbookId}` : `stream ${streamId}`
}

/*
 * How the recorded events show another command than this one, or `undefined` when they may be its
 * own. Ids in the events are not compared: a caller that sends a command again may work them out
 * again from what changed since (the bot resolves "the last section" or "item 3" anew), and would
 * be refused a result that is its own.
 */
const otherCommand = (command: Command, streamId: string, recorded: readonly StoredEvent[]): string | undefined => {
  const other = recorded.find((event) => event.streamId !== streamId)
  if (other) return `used for ${streamName(other.streamId)}`
  const expected = EVENT_OF_COMMAND[command.type]
  const otherType = recorded.find((event) => event.type !== expected)
  return otherType && `used on ${streamName(streamId)} for a command that recorded ${otherType.type}, not ${expected}`
}

/**
 * The result a command's id already has in the log, given back when it is this command's as far
 * as the log can tell: on the stream the command targets, of the type of event it records. A command repeated with its id (a retried request) gets it back, whoever sends
 * it; another command given a used id gets a `CommandIdReused` error instead of a result that is
 * not its own.
 *
 * @example
 * const recorded = decodeAll(await store.readByCommandId(meta.commandId))
 * if (E.isRight(recorded) && recorded.right.length > 0) return earlierResult(command, streamId, meta.commandId, recorded.right)
 */
export const earlierResult = (
  command: Command,
  streamId: string,
  commandId: string,
  recorded: readonly StoredEvent[],
): E.Either<IncidentError, StoredEvent[]> => {
  const problem = otherCommand(command, streamId, recorded)
  if (problem === undefined) return E.right([...recorded])
  const usedOn = recorded[0]?.streamId ?? streamId
  return E.left(incidentError('CommandIdReused', { commandId, streamId: usedOn }, `command id ${JSON.stringify(commandId)} was already ${problem}; give each command an id of its own`))
}
