import * as t from 'io-ts'
import { isIsoUtcTimestamp } from './iso-timestamp-check.js'
import { dayExists } from './parse-iso-time.js'

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

/**
 * A timestamp a command gives: an `IsoTimestamp` on a day that exists, before 24:00. The stored
 * events' codec keeps `IsoTimestamp` as it was (it takes 2026-02-31 and 24:00), so that old logs
 * stay readable; new commands cannot write such a time.
 */
export const CommandTimestamp = t.refinement(
  IsoTimestamp,
  (s) => dayExists(s.slice(0, 10)) && s.slice(11, 13) !== '24',
  'CommandTimestamp',
)

/** Marks a string as an ISO timestamp after checking it; throws on anything else. */
export const isoTimestamp = (value: string | Date): IsoTimestamp => {
  const s = typeof value === 'string' ? value : value.toISOString()
  if (!IsoTimestamp.is(s)) throw new TypeError(`not a UTC ISO-8601 timestamp: ${JSON.stringify(s)}`)
  return s
}


/** Ids are opaque strings chosen by the caller or the injected generator (uuids by default). */
export const Id = t.string
/** An id a command names: the log reads any string (old logs stay readable), commands name someone. */
export const NonEmptyId = t.refinement(t.string, (s) => s.length > 0, 'NonEmptyId')
/** A whole number from 0: a position in a list, a number of minutes as the log keeps it. */
export const NonNegativeInt = t.refinement(t.number, (n) => Number.isInteger(n) && n >= 0, 'NonNegativeInt')
/** A whole number from 1: a stream version or a schema version, which count from 1. */
export const PositiveInt = t.refinement(t.number, (n) => Number.isInteger(n) && n >= 1, 'PositiveInt')

/**
 * The most minutes a command may give for a due offset or a reminder interval: ten years. Far
 * beyond that a due date leaves the log's time format (year 10000 and later) and JavaScript's
 * dates throw. Stored events keep the plain `NonNegativeInt`, so that old logs stay readable.
 */
export const MAX_MINUTES = 10 * 366 * 24 * 60
export const isMinutes = (n: number): boolean => Number.isInteger(n) && n >= 0 && n <= MAX_MINUTES
export const Minutes = t.refinement(t.number, isMinutes, 'MinutesUpToTenYears')

/** `t.type` for required fields plus `t.partial` for optional ones, as one exact codec. */
export const withOptional = <R extends t.Props, O extends t.Props>(required: R, optional: O, name?: string) =>
  t.exact(t.intersection([t.type(required), t.partial(optional)], name))
