import * as E from 'fp-ts/lib/Either.js'
import { parseIsoTime, type LogPosition, type RecordedEvent } from '@incident-kit/core'
import { applyBatch } from '../runner/projection.js'
import { incidentReadModelProjection } from '../runner/incident-read-model-projection.js'
import type { IncidentReadModel } from './read-model.js'
import { streamPrefixes } from './stream-prefixes.js'

/**
 * A point of the log to look at the world from.
 * - `{ position }`: every event up to and including the one at that position (positions are opaque,
 *   so the list is cut where that event is, never compared).
 * - `{ time }`: every event with `occurredAt <= time` (or `recordedAt` with `by: 'recordedAt'`), each
 *   stream up to its first event past that time; a date alone is its midnight, a time without an
 *   offset is UTC.
 *   `occurredAt` (when the change happened, never going back within a stream) is the default
 *   because every view places and measures events by it; `recordedAt` is when a store first
 *   recorded the event (an import or copy keeps it), for what the system knew then. Either way a
 *   milestone recorded at 10:00 saying "detected at 08:40" is not known as of 09:00.
 */
export type AsOf = { readonly position: LogPosition } | { readonly time: string; readonly by?: 'occurredAt' | 'recordedAt' }

export interface AsOfError {
  readonly _tag: 'AsOfError'
  readonly reason: 'unknown_position' | 'invalid_time'
  readonly message: string
}

export interface BuildReadModelOptions {
  readonly asOf?: AsOf
}

const asOfError = (reason: AsOfError['reason'], message: string): AsOfError => ({ _tag: 'AsOfError', reason, message })

/**
 * The prefix of a log (in global order) that was there as of a position or a time. Fails with a
 * clear error for a position not in the list or a time that is not ISO-8601 (or a day that does
 * not exist, such as 2026-02-31).
 *
 * @example
 * const cut = cutLog(events, { time: '2026-03-01T09:00:00Z' }) // Either<AsOfError, RecordedEvent[]>
 */
export const cutLog = (events: readonly RecordedEvent[], asOf: AsOf): E.Either<AsOfError, readonly RecordedEvent[]> => {
  if ('position' in asOf) {
    const index = events.findIndex((e) => e.position === asOf.position)
    if (index < 0) return E.left(asOfError('unknown_position', `no event at log position ${JSON.stringify(asOf.position)}`))
    return E.right(events.slice(0, index + 1))
  }
  // Not `Date.parse`: it reads a time without an offset as the machine's local time and rolls
  // 2026-02-31 over into March; `parseIsoTime` reads it as UTC, as every time in the log is.
  const limit = parseIsoTime(asOf.time)?.ms
  if (limit === undefined) {
    return E.left(asOfError('invalid_time', `as-of time ${JSON.stringify(asOf.time)} is not an ISO-8601 date or time of a day that exists (like 2026-03-01T09:00:00Z)`))
  }
  const by = asOf.by ?? 'occurredAt'
  return E.right(streamPrefixes(events, (event) => Date.parse(event[by]) <= limit))
}

/**
 * Builds the read model from a list of recorded events in global order (a replayed file, a store's
 * `readAll`), optionally as of a position or time; every view then shows the world as it was.
 * Undecodable events are skipped and counted in `model.skipped`.
 *
 * @example
 * const built = buildReadModel(events, { asOf: { time: '2026-03-01T09:00:00Z' } })
 * if (E.isRight(built)) console.log(activeIncidents(built.right, 'team-1'))
 */
export const buildReadModel = (
  events: readonly RecordedEvent[],
  options: BuildReadModelOptions = {},
): E.Either<AsOfError, IncidentReadModel> => {
  const cut = options.asOf ? cutLog(events, options.asOf) : E.right(events)
  return E.map((list: readonly RecordedEvent[]) => applyBatch(incidentReadModelProjection, incidentReadModelProjection.init, list).state)(cut)
}
