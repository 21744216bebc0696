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
 * as one, naming the field, before anything is appended.
 */
const problemOf = (event: DomainEvent): IncidentError | undefined => {
  const decoded = (eventDataCodecs[event.type] as t.Decoder<unknown, unknown>).decode(event.data)
  if (E.isLeft(decoded)) return invalid(event, firstFailedField(decoded.left) || 'data', describeCodecErrors(decoded.left))
  const data = encodeEventData(event)
  for (const [field, value] of Object.entries(data as object)) {
    const problem = unstorableJson(value, field)
    if (problem !== undefined) return invalid(event, field, problem)
  }
  return undefined
}

/** The first decided event that must not be appended, as an `InvalidCommand` error; `undefined` when all may. */
export const unappendableEvent = (events: readonly DomainEvent[]): IncidentError | undefined => {
  for (const event of events) {
    const problem = problemOf(event)
    if (problem !== undefined) return problem
  }
  return undefined
}
