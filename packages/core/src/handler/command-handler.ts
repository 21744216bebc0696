import * as E from 'fp-ts/lib/Either.js'
import { isCommandType, isPlaybookCommand, unknownCommandType, type Command } from '../commands/command.js'
import { CURRENT_SCHEMA_VERSION, type DomainEvent, type IncidentEvent, type PlaybookEvent } from '../events/catalogue.js'
import { incidentStreamId, playbookStreamId, type NewEventEnvelope, type RecordedEvent, type StoredEvent } from '../events/envelope.js'
import { incidentError, type IncidentError } from '../errors.js'
import { decideIncident } from '../incident/decide-incident.js'
import { foldIncident } from '../incident/evolve-incident.js'
import { initialIncidentState, type IncidentState } from '../incident/incident-state.js'
import { decidePlaybook } from '../playbook/decide-playbook.js'
import { foldPlaybook } from '../playbook/evolve-playbook.js'
import { initialPlaybookState, type PlaybookState } from '../playbook/playbook-state.js'
import type { Clock } from '../ports/clock.js'
import { NO_STREAM, type EventStore } from '../ports/event-store.js'
import type { IdGenerator } from '../ports/id-generator.js'
import { isConcurrencyError } from '../ports/store-errors.js'
import { decodeAll } from './load-stream.js'
import { appendableData } from './appendable-data.js'
import { checkedMeta, type CommandMeta } from './command-meta.js'
import { earlierResult } from './earlier-result.js'
import { backoffDelay, retryPolicy, type RetryOptions } from './retry-backoff.js'

export type { CommandMeta } from './command-meta.js'

export interface CommandHandlerOptions {
  readonly store: EventStore
  readonly clock: Clock
  readonly ids: IdGenerator
  /**
   * How a command that lost a race on its stream (a `ConcurrencyConflict` from the store) is
   * decided again on fresh state: up to 10 attempts, waiting a random share of a window that
   * starts at 5 ms and doubles up to 250 ms between them.
   */
  readonly retry?: RetryOptions
}

export type HandleResult = E.Either<IncidentError, StoredEvent[]>

export interface CommandHandler {
  /**
   * Loads the stream, decides, appends with the expected version; retries on a conflict. Takes a
   * typed command: decode untrusted input with `decodeCommand` first, since only the command's
   * type is checked here (a missing field would be decided as `undefined`).
   */
  handle(command: Command, meta: CommandMeta): Promise<HandleResult>
  loadIncident(incidentId: string): Promise<E.Either<IncidentError, IncidentState>>
  loadPlaybook(playbookId: string): Promise<E.Either<IncidentError, PlaybookState>>
}

const streamOf = (command: Command) =>
  isPlaybookCommand(command) ? playbookStreamId(command.playbookId) : incidentStreamId(command.incidentId)

/*
 * A stream's events never go back in time: a bot replica whose clock is behind the one that wrote
 * the stream's last event decides at that event's time instead. Views cut a stream at a time and
 * measure between its events (a duration would come out negative), and the command still comes
 * after what it saw, as its time then says.
 */
const notBefore = (now: string, events: readonly StoredEvent[]) => {
  const last = events.at(-1)?.occurredAt
  return last !== undefined && Date.parse(last) > Date.parse(now) ? last : now
}

/**
 * Wires the pure core to a store, a clock and ids.
 *
 * @example
 * const handler = createCommandHandler({ store: createInMemoryEventStore(), clock: systemClock, ids: uuidGenerator })
 * const result = await handler.handle(
 *   { type: 'StartIncident', incidentId: 'i1', teamId: 't1', name: 'API down' },
 *   { commandId: 'c1', actorId: 'alice' },
 * )
 */
export const createCommandHandler = ({ store, clock, ids, retry: retryOptions }: CommandHandlerOptions): CommandHandler => {
  const retry = retryPolicy(retryOptions)
  const loadStream = async (streamId: string) => decodeAll(await store.readStream(streamId))
  const incidentOf = (events: readonly StoredEvent[]) => foldIncident(initialIncidentState, events as StoredEvent<IncidentEvent>[])
  const playbookOf = (events: readonly StoredEvent[]) => foldPlaybook(initialPlaybookState, events as StoredEvent<PlaybookEvent>[])

  const loadIncident = async (incidentId: string) => E.map(incidentOf)(await loadStream(incidentStreamId(incidentId)))
  const loadPlaybook = async (playbookId: string) => E.map(playbookOf)(await loadStream(playbookStreamId(playbookId)))

  /** The events a command decides on its stream as it is now, with the time they occur at. */
  const decideOnce = async (command: Command, streamId: string, actorId: string) => {
    const stream = await loadStream(streamId)
    if (E.isLeft(stream)) return stream
    const now = notBefore(clock.now(), stream.right)
    if (isPlaybookCommand(command)) {
      const state = playbookOf(stream.right)
      return E.map((events: DomainEvent[]) => ({ events, version: state.version, now }))(decidePlaybook(command, state))
    }
    const state = incidentOf(stream.right)
    let playbook: PlaybookState | undefined
    if (command.type === 'StartIncident' && command.playbookId !== undefined) {
      const loaded = await loadPlaybook(command.playbookId)
      if (E.isLeft(loaded)) return loaded
      playbook = loaded.right
    }
    const decided = decideIncident(command, state, { now, actorId, newId: () => ids.next(), ...(playbook ? { playbook } : {}) })
    return E.map((events: DomainEvent[]) => ({ events, version: state.version, now }))(decided)
  }

  /** What the command's id already holds in the log, as `earlierResult` judges it; none is `Right([])`. */
  const previousResult = (command: Command, streamId: string, commandId: string, recorded: readonly RecordedEvent[]) => {
    if (recorded.length === 0) return E.right([])
    const decoded = decodeAll(recorded)
    return E.isLeft(decoded) ? decoded : earlierResult(command, streamId, commandId, decoded.right)
  }

  /** A command whose meta is checked: its earlier result, or decided and appended, retried on conflicts. */
  const handleChecked = async (command: Command, meta: CommandMeta): Promise<HandleResult> => {
    const streamId = streamOf(command)
    const earlier = previousResult(command, streamId, meta.commandId, await store.readByCommandId(meta.commandId))
    if (E.isLeft(earlier) || earlier.right.length > 0) return earlier
    for (let attempt = 1; ; attempt++) {
      const decided = await decideOnce(command, streamId, meta.actorId)
      if (E.isLeft(decided)) return decided
      const { events, version, now } = decided.right
      if (events.length === 0) return E.right([])
      const encoded = appendableData(events)
      if (E.isLeft(encoded)) return encoded
      const envelopes: NewEventEnvelope[] = events.map((event, index) => ({
        id: ids.next(),
        type: event.type,
        data: encoded.right[index],
        occurredAt: now,
        actorId: meta.actorId,
        commandId: meta.commandId,
        correlationId: meta.correlationId ?? meta.commandId,
        schemaVersion: CURRENT_SCHEMA_VERSION[event.type],
      }))
      try {
        const result = await store.appendToStream(streamId, envelopes, { expectedVersion: version === 0 ? NO_STREAM : version })
        // Another call with this command id may have been recorded since it was looked up.
        return result.duplicate ? previousResult(command, streamId, meta.commandId, result.events) : decodeAll(result.events)
      } catch (error) {
        if (!isConcurrencyError(error)) throw error
        if (attempt >= retry.attempts) {
          return E.left(
            incidentError(
              'ConcurrencyConflict',
              { streamId, expected: String(error.expected), actual: error.actual, attempts: attempt },
              `${streamId} kept changing while this command was decided (${attempt} attempts); try again`,
            ),
          )
        }
        await retry.sleep(backoffDelay(attempt, retry))
      }
    }
  }

  const handle = async (command: Command, meta: CommandMeta): Promise<HandleResult> => {
    // Before the store is asked anything: an unknown command names no stream to read.
    if (!isCommandType(command.type)) return E.left(unknownCommandType(command))
    const checked = checkedMeta(meta)
    return E.isLeft(checked) ? checked : handleChecked(command, checked.right)
  }

  return { handle, loadIncident, loadPlaybook }
}
