import type { RecordedEvent } from '@incident-kit/core'
import type { LogLine } from './parse-log-line.js'

/**
 * Whether two JSON values are equal as JSON: objects by their keys whatever the order (PostgreSQL's
 * jsonb keeps none, so an export from it orders the keys of `data` its own way), arrays element by
 * element, numbers by value (`-0` is `0`: JSON text does not keep the sign of zero through a store).
 *
 * @example
 * sameJson({ a: 1, b: [2] }, { b: [2], a: 1 }) // true
 * sameJson({ a: 1 }, { a: 1, b: null }) // false
 */
export const sameJson = (a: unknown, b: unknown): boolean => {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((value, index) => sameJson(value, b[index]))
  }
  const aKeys = Object.keys(a)
  if (aKeys.length !== Object.keys(b).length) return false
  const bRecord = b as Record<string, unknown>
  return aKeys.every((key) => Object.hasOwn(bRecord, key) && sameJson((a as Record<string, unknown>)[key], bRecord[key]))
}

/**
 * The attributes in which a line differs from the event the store holds at its stream version (same
 * id), named as the file spells them, in the order of docs/event-log.md; none when it is the same
 * event. Both sides are compared as written, not decoded: the store hands out `data` as it was
 * appended and `export` writes it so, while decoding would upcast it and drop fields the codec does
 * not know, hiding an edit. `recordedat` is not compared: it says when a store recorded the event,
 * and two stores that recorded the same command (the demo, run on each) hold the same event.
 *
 * @example
 * differingFields(line, stored) // ['data']
 */
export const differingFields = ({ cloudEvent }: LogLine, stored: RecordedEvent): string[] => {
  const fields: Array<readonly [string, boolean]> = [
    ['type', cloudEvent.type === stored.type],
    ['time', cloudEvent.time === stored.occurredAt],
    ['data', sameJson(cloudEvent.data, stored.data)],
    ['actorid', cloudEvent.actorid === stored.actorId],
    ['schemaversion', cloudEvent.schemaversion === stored.schemaVersion],
    ['commandid', cloudEvent.commandid === stored.commandId],
    ['correlationid', cloudEvent.correlationid === stored.correlationId],
  ]
  return fields.filter(([, same]) => !same).map(([name]) => name)
}
