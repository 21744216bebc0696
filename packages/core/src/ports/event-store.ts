import type { LogPosition, NewEventEnvelope, RecordedEvent } from '../events/envelope.js'

/** Named expectations for an append; a number means "the stream is exactly at this version". */
export const ANY = 'any' as const
export const NO_STREAM = 'no_stream' as const
export const STREAM_EXISTS = 'stream_exists' as const
export type ExpectedVersion = typeof ANY | typeof NO_STREAM | typeof STREAM_EXISTS | number

export interface AppendOptions {
  readonly expectedVersion: ExpectedVersion
  /**
   * When the events were first recorded, for a copy of a log recorded elsewhere (`import`, `copy`):
   * kept as given, in the log's format (`2026-03-01T08:40:00.000Z`). By default the store stamps
   * the time of the append.
   */
  readonly recordedAt?: string
}

export interface AppendResult {
  /** The events as stored, or, for a repeated `commandId`, the events stored the first time. */
  readonly events: readonly RecordedEvent[]
  /** The stream's version after the append. */
  readonly nextVersion: number
  /** True when nothing was appended because the command had been recorded before. */
  readonly duplicate: boolean
}

/** Bounds outside these are refused with `INVALID_READ` (see `assertReadStreamOptions`). */
export interface ReadStreamOptions {
  /** First version to return (1-based, inclusive), a whole number from 0; default 1. */
  readonly fromVersion?: number
  /** Last version to return (inclusive), a whole number from 0 or `Infinity`; default the end. */
  readonly toVersion?: number
}

export interface ReadAllOptions {
  /**
   * Return events after this checkpoint; `START` for the beginning. Any other value must be a
   * checkpoint this kind of store hands out, else the read fails with `INVALID_CHECKPOINT`.
   */
  readonly after: LogPosition
  /** The most events to return, a whole number from 1; any other is refused with `INVALID_READ`. */
  readonly limit: number
}

export interface ReadAllResult {
  readonly events: readonly RecordedEvent[]
  /** Pass back as `after` to continue; equal to `after` when nothing new was read. */
  readonly checkpoint: LogPosition
}

export interface SubscribeOptions {
  /** Deliver events after this checkpoint (catch-up), then follow new ones live; as `ReadAllOptions.after`. */
  readonly after: LogPosition
  /**
   * Called with each batch in global order; the next batch waits for it. If it throws, the
   * subscription stops and `closed` rejects with that error: nothing is skipped.
   */
  readonly handler: (events: readonly RecordedEvent[], checkpoint: LogPosition) => Promise<void> | void
  /** The most events per batch, read as `readAll`'s `limit` (a whole number from 1); 500 by default. */
  readonly batchSize?: number
}

export interface Subscription {
  /** Stops following; resolves once the handler in progress (if any) has finished. */
  readonly close: () => Promise<void>
  /** Settles when the subscription stops: resolves after `close`, rejects if the handler threw. */
  readonly closed: Promise<void>
}

/**
 * The event store port. Implementations: `createInMemoryEventStore` here, and the SQL store in
 * `@incident-kit/adapter-sql`. All pass `eventStoreContract` from `@incident-kit/core/testing`.
 *
 * Guarantees: appends of several events are atomic; versions of a stream are contiguous from 1; a
 * `commandId` seen before makes the append a no-op that returns the first result; `readAll` never
 * skips an event that commits after a later one was read (a gap-safe global order).
 */
export interface EventStore {
  /**
   * Appends events to one stream. Every event of one call must carry the same `commandId`.
   * Fails with a `ConcurrencyError` (code `CONCURRENCY_CONFLICT`) when `expectedVersion` does not hold,
   * also for an empty `events`, which stores nothing and returns the stream's version.
   */
  appendToStream(streamId: string, events: readonly NewEventEnvelope[], options: AppendOptions): Promise<AppendResult>
  readStream(streamId: string, options?: ReadStreamOptions): Promise<readonly RecordedEvent[]>
  readAll(options: ReadAllOptions): Promise<ReadAllResult>
  /** The events a command produced, in order; empty when the command was never recorded. */
  readByCommandId(commandId: string): Promise<readonly RecordedEvent[]>
  subscribe(options: SubscribeOptions): Subscription
  /** Closes the store's subscriptions (each resolves `closed`), then the store itself. */
  close(): Promise<void>
}
