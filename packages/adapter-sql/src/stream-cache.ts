import { freeze } from 'immer'
import type { EventStore, RecordedEvent } from '@incident-kit/core'

/** About 10 MB of typical incident events. */
export const DEFAULT_STREAM_CACHE_EVENTS = 10_000

type ReadStream = EventStore['readStream']

/** Versions `fromVersion` to `toVersion` (whole numbers from 0, or `Infinity`) of a stream cached from version 1. */
const slice = (events: readonly RecordedEvent[], fromVersion: number, toVersion: number) =>
  fromVersion <= 1 && toVersion >= events.length ? events : events.slice(Math.max(fromVersion, 1) - 1, toVersion)

/*
 * The cache keeps its own copy of each event. V8 moves objects allocated where most of them live
 * long straight to the old generation (allocation-site pretenuring): had the cache kept the events
 * `rowToEvent` makes, every event `readAll` makes there afterwards would be born old too, and a
 * rebuild that read 430k events a second read 160-250k (bench:store W5 after W3 and W4). The copy's
 * `{}` is the allocation site that lives long; the data object is shared, not copied.
 */
const cachedCopy = (event: RecordedEvent): RecordedEvent => freeze(Object.assign({}, event), true)

/**
 * Keeps the events of recently read streams, so that reading a stream again fetches only what was
 * appended since. A stream only grows, and its versions commit in order (a version is taken only
 * by an append that saw the one before it committed), so a prefix once read never changes. A read
 * therefore still asks the database, for the versions after the cached ones: it is exactly as fresh
 * as an uncached read, also while other processes append. A read that ends inside the cached
 * prefix needs no query. Least recently read streams are dropped first once more than `maxEvents`
 * events are held; 0 turns the cache off. Cached events are shared by every reader, so they are
 * frozen.
 *
 * Rows changed by hand in the database (never by the store) are not seen by a process that has
 * the stream cached until it restarts. The store checks the bounds before they get here
 * (`assertReadStreamOptions`): whole numbers from 0, or `Infinity` for `toVersion`.
 *
 * @example
 * const readStream = cachedReadStream(createReadStream(db, dialect, runner), 10_000)
 */
export const cachedReadStream = (readStream: ReadStream, maxEvents: number): ReadStream => {
  if (maxEvents <= 0) return readStream
  const streams = new Map<string, readonly RecordedEvent[]>()
  let held = 0

  const forget = (streamId: string) => {
    held -= streams.get(streamId)?.length ?? 0
    streams.delete(streamId)
  }
  /** Map order is the recency order: a kept stream moves to the end, eviction starts at the front. */
  const keep = (streamId: string, events: readonly RecordedEvent[]) => {
    forget(streamId)
    if (events.length > maxEvents) return
    streams.set(streamId, events)
    held += events.length
    for (const oldest of streams.keys()) {
      if (held <= maxEvents) break
      forget(oldest)
    }
  }

  return async (streamId, options = {}) => {
    const fromVersion = options.fromVersion ?? 1
    const toVersion = options.toVersion ?? Infinity
    const cached = streams.get(streamId) ?? []
    if (cached.length > 0 && toVersion <= cached.length) {
      keep(streamId, cached)
      return slice(cached, fromVersion, toVersion)
    }
    if (fromVersion > cached.length + 1) return readStream(streamId, options)
    const tail = await readStream(streamId, { ...options, fromVersion: cached.length + 1 })
    if (tail.length > 0 && tail[0]!.version !== cached.length + 1) {
      // Only a hand-edited table gets here: start over from what the database says.
      forget(streamId)
      return readStream(streamId, options)
    }
    const events = tail.length === 0 ? cached : freeze([...cached, ...tail.map(cachedCopy)])
    // A concurrent read of the same stream may have cached more meanwhile; keep the longer one.
    if (events.length > 0 && events.length >= (streams.get(streamId)?.length ?? 0)) keep(streamId, events)
    return slice(events, fromVersion, toVersion)
  }
}
