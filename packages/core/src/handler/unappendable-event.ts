import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { firstFailedField, describeCodecErrors } from '../codec-errors.js'
import { eventDataCodecs, type DomainEvent } from '../events/catalogue.js'
import { unstorableJson } from '../events/storable-json.js'
import { incidentError, type IncidentError } from '../errors.js'

const invalid = (event: DomainEvent, field: string, problem: string) =>
  incidentError('InvalidCommand', { field }, `cannot record ${event.type}: ${problem}`)

/*
 * An event the log would take but not give back (data that does not fit its type) would make
 * every later command on its stream fail as a corrupt stream; text that no store keeps (a NUL, a
 * lone surrogate) would make the store throw. Both are the command's fault, so they are refused
 * as one, naming the field, before anything is appended.
 */
const problemOf = (event: DomainEvent, data: unknown): IncidentError | undefined => {
  const codec = eventDataCodecs[event.type] as t.Decoder<unknown, unknown> & { is: t.Is<unknown> }
  // The guard allocates nothing and nearly every event passes it; `decode` runs only to explain.
  if (!codec.is(event.data)) {
    const decoded = codec.decode(event.data)
    if (E.isLeft(decoded)) return invalid(event, firstFailedField(decoded.left) || 'data', describeCodecErrors(decoded.left))
  }
  for (const [field, value] of Object.entries(data as object)) {
    const problem = unstorableJson(value, field)
    if (problem !== undefined) return invalid(event, field, problem)
  }
  return undefined
}

/**
 * The first decided event that must not be appended, as an `InvalidCommand` error; `undefined` when
 * all may. `encoded` is each event's data as it will be stored (the handler encodes it once for both).
 */
export const unappendableEvent = (events: readonly DomainEvent[], encoded: readonly unknown[]): IncidentError | undefined => {
  for (const [index, event] of events.entries()) {
    const problem = problemOf(event, encoded[index])
    if (problem !== undefined) return problem
  }
  return undefined
}
