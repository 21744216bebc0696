import type { ExpectedVersion } from './event-store.js'

/**
 * The error family of event stores and adapters. Recognise one by its stable `code`, not by
 * `instanceof`: two copies of this package in one process would make `instanceof` lie.
 */
export class IncidentKitError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'IncidentKitError'
  }
}

export const CONCURRENCY_CONFLICT = 'CONCURRENCY_CONFLICT'
export const CORRUPT_EVENT = 'CORRUPT_EVENT'
export const INVALID_APPEND = 'INVALID_APPEND'
export const INVALID_CHECKPOINT = 'INVALID_CHECKPOINT'
export const INVALID_READ = 'INVALID_READ'

/** The stream was not at the expected version. */
export class ConcurrencyError extends IncidentKitError {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(CONCURRENCY_CONFLICT, `stream ${streamId}: expected version ${String(expected)}, actual ${actual}`)
  }
}

/** A stored row could not be read back (corrupt JSON, bad envelope): names the stream and version. */
export class CorruptEventError extends IncidentKitError {
  constructor(
    readonly streamId: string,
    readonly version: number,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(CORRUPT_EVENT, `event ${streamId}@${version} cannot be read: ${detail}`, options)
  }
}

/**
 * A `readAll` or `subscribe` checkpoint that is neither `START` nor in the format of the store's
 * positions: read as the beginning or the end, it would replay the log or wait forever.
 *
 * @example
 * throw invalidCheckpoint('garbage') // INVALID_CHECKPOINT: checkpoint "garbage" was not issued by this store
 */
export const invalidCheckpoint = (checkpoint: string): IncidentKitError =>
  new IncidentKitError(INVALID_CHECKPOINT, `checkpoint "${checkpoint}" was not issued by this store`)

export const isIncidentKitError = (error: unknown, code?: string): error is IncidentKitError & Record<string, unknown> =>
  typeof error === 'object' &&
  error !== null &&
  typeof (error as { code?: unknown }).code === 'string' &&
  (code === undefined || (error as { code: string }).code === code)

export const isConcurrencyError = (error: unknown): error is ConcurrencyError => isIncidentKitError(error, CONCURRENCY_CONFLICT)

/** Checks an expected version against a stream's actual version (0 when it does not exist). */
export const expectedVersionHolds = (expected: ExpectedVersion, actual: number): boolean =>
  expected === 'any' ||
  (expected === 'no_stream' && actual === 0) ||
  (expected === 'stream_exists' && actual > 0) ||
  expected === actual
