import * as t from 'io-ts'
import { isIsoUtcTimestamp } from './iso-timestamp-check.js'

/**
 * A UTC ISO-8601 timestamp string. Kept as a plain string (not a `Date`) so that an event encodes to
 * exactly the JSON it was decoded from.
 */
export const IsoTimestamp = new t.Type<string, string, unknown>(
  'IsoTimestamp',
  (u): u is string => typeof u === 'string' && isIsoUtcTimestamp(u),
  (u, c) => (typeof u === 'string' && isIsoUtcTimestamp(u) ? t.success(u) : t.failure(u, c)),
  t.identity,
)
export type IsoTimestamp = string

/** Marks a string as an ISO timestamp after checking it; throws on anything else. */
export const isoTimestamp = (value: string | Date): IsoTimestamp => {
  const s = typeof value === 'string' ? value : value.toISOString()
  if (!IsoTimestamp.is(s)) throw new TypeError(`not a UTC ISO-8601 timestamp: ${JSON.stringify(s)}`)
  return s
}


/** Ids are opaque strings chosen by the caller or the injected generator (uuids by default). */
export const Id = t.string
export const PositiveInt = t.refinement(t.number, (n) => Number.isInteger(n) && n >= 0, 'NonNegativeInt')

/** `t.type` for required fields plus `t.partial` for optional ones, as one exact codec. */
export const withOptional = <R extends t.Props, O extends t.Props>(required: R, optional: O, name?: string) =>
  t.exact(t.intersection([t.type(required), t.partial(optional)], name))
