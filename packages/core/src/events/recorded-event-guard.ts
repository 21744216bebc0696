import type { RecordedEvent } from './envelope.js'
import { isIsoUtcTimestamp } from './iso-timestamp-check.js'

const isPlainObject = (u: unknown): u is Record<string, unknown> => Object.prototype.toString.call(u) === '[object Object]'
const isWholeNumber = (u: unknown) => typeof u === 'number' && Number.isInteger(u) && u >= 0

/**
 * `RecordedEvent.is` written out: exactly the same answer (a property test compares them), without
 * io-ts walking an intersection of codecs field by field, which was half of a decode. Every event
 * read passes here first; only one that fails goes through the codec, to explain why.
 *
 * @example
 * if (!isRecordedEvent(raw)) return explain(RecordedEvent.decode(raw))
 */
export const isRecordedEvent = (u: unknown): u is RecordedEvent => {
  if (!isPlainObject(u)) return false
  return (
    typeof u.id === 'string' &&
    typeof u.streamId === 'string' &&
    typeof u.actorId === 'string' &&
    typeof u.commandId === 'string' &&
    typeof u.correlationId === 'string' &&
    typeof u.type === 'string' &&
    typeof u.position === 'string' &&
    isWholeNumber(u.version) &&
    isWholeNumber(u.schemaVersion) &&
    typeof u.occurredAt === 'string' &&
    isIsoUtcTimestamp(u.occurredAt) &&
    typeof u.recordedAt === 'string' &&
    isIsoUtcTimestamp(u.recordedAt) &&
    // `data` may hold anything, undefined included, but io-ts wants the key.
    Object.prototype.hasOwnProperty.call(u, 'data')
  )
}
