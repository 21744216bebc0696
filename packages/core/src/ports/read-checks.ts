import type { ReadAllOptions, ReadStreamOptions } from './event-store.js'
import { shownValue } from './shown-value.js'
import { INVALID_READ, IncidentKitError } from './store-errors.js'

/*
 * Safe integers only: a database binds a larger number, or a fraction, as floating point, which
 * SQLite refuses as a LIMIT and PostgreSQL as an integer, while the in-memory store would read it.
 */
const isWholeNumberFrom = (lowest: number, value: unknown) => Number.isSafeInteger(value) && (value as number) >= lowest

/**
 * The checks every store makes on `readStream`'s version range before it reads: `fromVersion` a
 * whole number from 0, `toVersion` one from 0 or `Infinity` (either left out for the whole
 * stream). Throws an `IncidentKitError` with code `INVALID_READ` that names the stream, the
 * argument and its value.
 *
 * @example
 * assertReadStreamOptions('incident-1', { fromVersion: 1.5 }) // throws INVALID_READ: cannot read incident-1: fromVersion 1.5 is not a whole number from 0
 */
export const assertReadStreamOptions = (streamId: string, { fromVersion, toVersion }: ReadStreamOptions = {}): void => {
  const fail = (problem: string) => {
    throw new IncidentKitError(INVALID_READ, `cannot read ${streamId}: ${problem}`)
  }
  if (fromVersion !== undefined && !isWholeNumberFrom(0, fromVersion)) fail(`fromVersion ${shownValue(fromVersion)} is not a whole number from 0`)
  if (toVersion !== undefined && toVersion !== Infinity && !isWholeNumberFrom(0, toVersion)) {
    fail(`toVersion ${shownValue(toVersion)} is not a whole number from 0 or Infinity`)
  }
}

/**
 * The check every store makes on `readAll`'s `limit` (and so on a subscription's `batchSize`)
 * before it reads: a whole number from 1. Throws an `IncidentKitError` with code `INVALID_READ`
 * that names the argument and its value. The checkpoint is the store's to check: only it knows
 * the format of its positions.
 *
 * @example
 * assertReadAllOptions({ after: START, limit: -1 }) // throws INVALID_READ: cannot read the log: limit -1 is not a whole number from 1
 */
export const assertReadAllOptions = ({ limit }: ReadAllOptions): void => {
  if (!isWholeNumberFrom(1, limit)) throw new IncidentKitError(INVALID_READ, `cannot read the log: limit ${shownValue(limit)} is not a whole number from 1`)
}
