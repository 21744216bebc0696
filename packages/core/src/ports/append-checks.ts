import type { NewEventEnvelope } from '../events/envelope.js'
import { IsoTimestamp } from '../events/primitives.js'
import { unstorableJson } from '../events/storable-json.js'
import type { AppendOptions } from './event-store.js'
import { shownValue } from './shown-value.js'
import { INVALID_APPEND, IncidentKitError } from './store-errors.js'

const TIME_FORMAT = 'a UTC ISO-8601 timestamp like 2026-03-01T08:40:00.000Z'

const ID_FIELDS = ['actorId', 'commandId', 'correlationId'] as const
const TEXT_FIELDS = ['id', 'type', ...ID_FIELDS] as const

const isNonEmptyString = (value: unknown) => typeof value === 'string' && value.length > 0


/*
 * Only what a store needs to give the event back as it was stored: a SQL store reads a row with an
 * empty type, a malformed time or a schema version below 1 as corrupt, so such an event, once
 * stored, would stop every rebuild and subscription at its position; text that PostgreSQL cannot
 * hold would make the log uncopyable there; and what JSON would change (a `Date`, `NaN`) would
 * read back as something else. Whether `data` fits its type is the command side's concern (and
 * `decodeEvent`'s when read): the log keeps types it does not know.
 */
const envelopeProblem = (event: NewEventEnvelope): string | undefined => {
  if (!isNonEmptyString(event.id)) return 'id must be a non-empty string'
  if (!isNonEmptyString(event.type)) return 'type must be a non-empty string'
  if (!IsoTimestamp.is(event.occurredAt)) {
    return `occurredAt ${shownValue(event.occurredAt)} is not ${TIME_FORMAT}`
  }
  for (const field of ID_FIELDS) {
    if (typeof event[field] !== 'string') return `${field} must be a string`
  }
  if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1) return `schemaVersion ${shownValue(event.schemaVersion)} must be a whole number from 1`
  if (event.data === undefined) return 'data is missing'
  for (const field of TEXT_FIELDS) {
    const problem = unstorableJson(event[field], field)
    if (problem !== undefined) return problem
  }
  return unstorableJson(event.data, 'data')
}

/**
 * The checks every store makes before an append touches anything: one `commandId` per call (it is
 * what makes a repeated command recognisable), envelopes a store can give back, each event id once
 * (an id is unique across the whole log), and a `recordedAt` (when given) in the log's time format.
 * Throws an `IncidentKitError` with code `INVALID_APPEND` that names the stream, the event and the
 * field.
 *
 * @example
 * assertAppendable('incident-1', events, { recordedAt: '2026-03-01T08:40:00.000Z' })
 */
export const assertAppendable = (streamId: string, events: readonly NewEventEnvelope[], { recordedAt }: Pick<AppendOptions, 'recordedAt'> = {}): void => {
  const fail = (problem: string) => {
    throw new IncidentKitError(INVALID_APPEND, `cannot append to ${streamId}: ${problem}`)
  }
  if (typeof streamId !== 'string' || streamId === '') fail('the stream id must be a non-empty string')
  const streamProblem = unstorableJson(streamId, 'the stream id')
  if (streamProblem !== undefined) fail(streamProblem)
  const commandId = events[0]?.commandId
  if (events.some((e) => e.commandId !== commandId)) {
    fail(`one append carries one commandId, got ${new Set(events.map((e) => e.commandId)).size}`)
  }
  events.forEach((event, index) => {
    const problem = envelopeProblem(event)
    if (problem !== undefined) fail(`event ${index + 1} of ${events.length} (id ${shownValue(event.id)}): ${problem}`)
  })
  // Checked here, before any store writes: the in-memory store would keep both events, and a SQL
  // store's unique index would refuse the append without saying which id it was.
  const firstIndexOfId = new Map<string, number>()
  events.forEach((event, index) => {
    const first = firstIndexOfId.get(event.id)
    if (first !== undefined) fail(`event ${index + 1} of ${events.length} repeats the id ${shownValue(event.id)} of event ${first + 1}`)
    firstIndexOfId.set(event.id, index)
  })
  if (recordedAt !== undefined && !IsoTimestamp.is(recordedAt)) {
    fail(`recordedAt ${shownValue(recordedAt)} is not ${TIME_FORMAT}`)
  }
}
