import type { Kysely } from 'kysely'
import type { AppendOptions, AppendResult, LogPosition, NewEventEnvelope, ReadAllResult } from '@incident-kit/core'
import type { HeldLock } from './held-lock.js'
import type { QueryRunner } from './query/query-runner.js'
import type { SqlDialectName } from './schema/migrations.js'
import type { StoreDatabase } from './schema/tables.js'

/**
 * What differs between SQLite and Postgres, behind one seam. Everything else in the store (reads by
 * stream or command, checkpoints, projection states, subscriptions) is one code path over `runner`.
 */
export interface StoreBackend {
  readonly dialect: SqlDialectName
  readonly db: Kysely<StoreDatabase>
  /** The store's own queries; its writes never land inside an open `transact` (on SQLite they wait for it to end). */
  readonly runner: QueryRunner
  /** Appends a batch of one command (the store checked that); wakes nobody, see `appended`. */
  append(streamId: string, events: readonly NewEventEnvelope[], options: AppendOptions): Promise<AppendResult>
  /** Called after an append that stored events: wakes this process's readers (and, on Postgres, other processes'). */
  appended(): void
  readAll(after: LogPosition, limit: number): Promise<ReadAllResult>
  /** Runs `work` in one write transaction; `runner` and `db` act inside it. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  transact<T>(work: (runner: QueryRunner, db: Kysely<any>) => Promise<T>): Promise<T>
  /** A cross-process lock; the store keeps track of held ones and releases them once, and on close. */
  tryLock(name: string): Promise<HeldLock | undefined>
  /** Resolves when new events may be there, or when `signal` aborts. */
  waitForMore(signal: AbortSignal): Promise<void>
  close(): Promise<void>
}
