import * as t from 'io-ts'
import type { RecordedEvent } from './envelope.js'
import { IsoTimestamp, PositiveInt } from './primitives.js'

/**
 * `RecordedEvent.is` written out: exactly the same answer (a property test compares them), without
 * io-ts walking an intersection of codecs field by field, which was half of a decode. Every event
 * read passes here first; only one that fails goes through the codec, to explain why.
 *
 * @example
 * if (!isRecordedEvent(raw)) return explain(RecordedEvent.decode(raw))
 */
export const isRecordedEvent = (u: unknown): u is RecordedEvent => {
  if (!t.UnknownRecord.is(u)) return false
  return (
    typeof u.id === 'string' &&
    typeof u.streamId === 'string' &&
    typeof u.actorId === 'string' &&
    typeof u.commandId === 'string' &&
    typeof u.correlationId === 'string' &&
    typeof u.type === 'string' &&
    typeof u.position === 'string' &&
    PositiveInt.is(u.version) &&
    PositiveInt.is(u.schemaVersion) &&
    IsoTimestamp.is(u.occurredAt) &&
    IsoTimestamp.is(u.recordedAt) &&
    // `data` may hold anything, undefined included, but io-ts wants the key.
    Object.prototype.hasOwnProperty.call(u, 'data')
  )
}
