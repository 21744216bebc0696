import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { firstFailedField, describeCodecErrors } from '../codec-errors.js'
import { eventDataCodecs, type DomainEvent } from '../events/catalogue.js'
import { encodeEventData } from '../events/decode-event.js'
import { unstorableJson } from '../events/storable-json.js'
import { incidentError, type IncidentError } from '../errors.js'

const invalid = (event: DomainEvent, field: string, problem: string) =>
  incidentError('InvalidCommand', { field }, `cannot record ${event.type}: ${problem}`)

/*
 * An event the log would take but not give back (data that does not fit its type) would make
 * every later command on its stream fail as a corrupt stream; text that no store keeps (a NUL, a
 * lone surrogate) would make the store throw. Both are the command's fault, so they are refused
 * as one, naming the field, before anything is appended. The shape is checked before the data is
 * encoded: io-ts encoders assume it (an array field that is missing throws a TypeError).
 */
const storedDataOf = (event: DomainEvent): E.Either<IncidentError, unknown> => {
  const codec = eventDataCodecs[event.type] as t.Decoder<unknown, unknown> & { is: t.Is<unknown> }
  // The guard allocates nothing and nearly every event passes it; `decode` runs only to explain.
  if (!codec.is(event.data)) {
    const decoded = codec.decode(event.data)
    if (E.isLeft(decoded)) return E.left(invalid(event, firstFailedField(decoded.left) || 'data', describeCodecErrors(decoded.left)))
  }
  const data = encodeEventData(event)
  for (const [field, value] of Object.entries(data as object)) {
    const problem = unstorableJson(value, field)
    if (problem !== undefined) return E.left(invalid(event, field, problem))
  }
  return E.right(data)
}

/**
 * Each decided event's data as it will be stored (encoded once, for the check and the append), or
 * the first event that must not be appended as an `InvalidCommand` error.
 *
 * @example
 * const data = appendableData(events)
 * if (E.isLeft(data)) return data
 */
export const appendableData = (events: readonly DomainEvent[]): E.Either<IncidentError, unknown[]> => {
  const stored: unknown[] = []
  for (const event of events) {
    const data = storedDataOf(event)
    if (E.isLeft(data)) return data
    stored.push(data.right)
  }
  return E.right(stored)
}
