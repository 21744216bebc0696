import { freeze } from 'immer'
import { START, recordEvent, type NewEventEnvelope, type RecordedEvent, type RecordedPlace } from '../events/envelope.js'
import type { AppendOptions, AppendResult, EventStore, ReadAllOptions, ReadStreamOptions } from '../ports/event-store.js'
import { assertAppendable } from '../ports/append-checks.js'
import { assertReadAllOptions, assertReadStreamOptions } from '../ports/read-checks.js'
import { ConcurrencyError, expectedVersionHolds, INVALID_APPEND, IncidentKitError, invalidCheckpoint } from '../ports/store-errors.js'
import { openSubscriptions } from '../ports/open-subscriptions.js'
import { createNotifier, followLog } from './follow-log.js'

export interface InMemoryEventStoreOptions {
  /** The clock that stamps `recordedAt`; the system clock by default. */
  readonly now?: () => string
  /** Events to start from (an imported log, a fixture); positions are renumbered. */
  readonly initialEvents?: readonly RecordedEvent[]
}

const positionOf = (index: number) => String(index + 1)
/** What `positionOf` hands out. */
const POSITION = /^[1-9]\d*$/
const indexAfter = (checkpoint: string) => {
  if (checkpoint === START) return 0
  if (!POSITION.test(checkpoint)) throw invalidCheckpoint(checkpoint)
  return Number(checkpoint)
}

/*
 * The store keeps its own copy of each event's data, frozen with the event, so that the log holds
 * what was appended: a caller that changes its objects after the append (or an event it read)
 * changes nothing stored, and one that tries on a read event gets a TypeError in strict mode.
 * Copying once here and freezing makes reads free: they hand out the stored events themselves,
 * as the SQL store's stream cache hands out its frozen ones.
 */
const storedCopy = (event: NewEventEnvelope, place: RecordedPlace): RecordedEvent => {
  const recorded: { -readonly [K in keyof RecordedEvent]: RecordedEvent[K] } = recordEvent(event, place)
  recorded.data = structuredClone(event.data)
  return freeze(recorded, true)
}

/**
 * An event store in memory: for tests, for replaying exported logs, and for embedders who keep their
 * own persistence. Holds the same guarantees as the SQL store (it passes the same contract suite).
 *
 * @example
 * const store = createInMemoryEventStore()
 * const handler = createCommandHandler({ store, clock: systemClock, ids: uuidGenerator })
 */
export const createInMemoryEventStore = (options: InMemoryEventStoreOptions = {}): EventStore => {
  const now = options.now ?? (() => new Date().toISOString())
  const log: RecordedEvent[] = []
  const streams = new Map<string, RecordedEvent[]>()
  const byCommand = new Map<string, RecordedEvent[]>()
  const eventIds = new Set<string>()
  const notifier = createNotifier()

  const keep = (stored: RecordedEvent) => {
    log.push(stored)
    eventIds.add(stored.id)
    const stream = streams.get(stored.streamId) ?? []
    stream.push(stored)
    streams.set(stored.streamId, stream)
    const commandEvents = byCommand.get(stored.commandId) ?? []
    commandEvents.push(stored)
    byCommand.set(stored.commandId, commandEvents)
    return stored
  }
  // Imported events keep their place in their stream and get a position in this log.
  options.initialEvents?.forEach((event) =>
    keep(storedCopy(event, { streamId: event.streamId, version: event.version, recordedAt: event.recordedAt, position: positionOf(log.length) })),
  )

  const appendToStream = async (streamId: string, events: readonly NewEventEnvelope[], { expectedVersion, recordedAt = now() }: AppendOptions): Promise<AppendResult> => {
    assertAppendable(streamId, events, { recordedAt })
    // The last version, not the count: an imported log may start a stream above version 1 (`export --since`).
    const current = streams.get(streamId)?.at(-1)?.version ?? 0
    const previous = events[0] ? byCommand.get(events[0].commandId) : undefined
    // Lists are copied on the way out (the events in them are frozen): a caller's `push` must not reach the store's.
    if (previous) return { events: [...previous], nextVersion: current, duplicate: true }
    if (!expectedVersionHolds(expectedVersion, current)) throw new ConcurrencyError(streamId, expectedVersion, current)
    const duplicateId = events.find((e) => eventIds.has(e.id))
    if (duplicateId) throw new IncidentKitError(INVALID_APPEND, `cannot append to ${streamId}: event id ${JSON.stringify(duplicateId.id)} is already stored`)
    const stored = events.map((event, i) =>
      keep(storedCopy(event, { streamId, version: current + i + 1, recordedAt, position: positionOf(log.length) })),
    )
    if (stored.length > 0) notifier.notify()
    return { events: stored, nextVersion: current + stored.length, duplicate: false }
  }

  const readStream = async (streamId: string, options: ReadStreamOptions = {}) => {
    assertReadStreamOptions(streamId, options)
    const { fromVersion = 1, toVersion = Infinity } = options
    return (streams.get(streamId) ?? []).filter((e) => e.version >= fromVersion && e.version <= toVersion)
  }

  const readAll = async (options: ReadAllOptions) => {
    assertReadAllOptions(options)
    const { after, limit } = options
    const from = indexAfter(after)
    const events = log.slice(from, from + limit)
    return { events, checkpoint: events.at(-1)?.position ?? after }
  }

  const subscriptions = openSubscriptions()

  return {
    appendToStream,
    readStream,
    readAll,
    readByCommandId: async (commandId) => [...(byCommand.get(commandId) ?? [])],
    subscribe: (subscribeOptions) =>
      subscriptions.track(
        followLog({
          ...subscribeOptions,
          readAll: (after, limit) => readAll({ after, limit }),
          waitForMore: notifier.wait,
        }),
      ),
    close: subscriptions.closeAll,
  }
}
