/**
 * @incident-kit/adapter-sql: the core's `EventStore` on SQLite (embedded, the default) and
 * PostgreSQL, with subscriber checkpoints, projection states and cross-process locks.
 */
export {
  createSqlEventStore,
  type AtLeastOnceHandler,
  type CheckpointedSubscribeOptions,
  type ExactlyOnceHandler,
  type SqlEventStore,
  type SqlEventStoreOptions,
  type SqlTransaction,
} from './sql-event-store.js'
export {
  DEFAULT_DATABASE_URL,
  INVALID_DATABASE_URL,
  parseDatabaseUrl,
  redactDatabaseUrl,
  resolveDatabaseUrl,
  type ParsedDatabaseUrl,
} from './database-url.js'
export type { HeldLock } from './held-lock.js'
export type { BlockingTransaction, EventsHeldBackWarning, RestoredLogRenumberedWarning, StoreWarning, StoreWarningHandler, SubscriptionRestartedWarning } from './store-warning.js'
export type { SqliteSynchronous } from './sqlite/open-sqlite.js'
/** Also exported by `@incident-kit/core`, whose stores all refuse such a checkpoint. */
export { INVALID_CHECKPOINT } from '@incident-kit/core'
export type { SubscriberCheckpointStore } from './query/subscriber-checkpoints.js'
export { MIGRATION_FAILED } from './schema/migrate.js'
export { NESTED_TRANSACTION } from './sqlite/write-gate.js'
export { INVALID_SCHEMA } from './postgres/schema-name.js'
export { DATABASE_REFUSED } from './postgres/connection-failure.js'
export { DATABASE_UNREACHABLE } from './database-unreachable.js'
export { DATABASE_PERMISSION_DENIED } from './postgres/permission-denied.js'
export { TABLE } from './schema/tables.js'
export { STORE_NOT_FOUND } from './store-not-found.js'
export { STORE_CLOSED } from './store-closed.js'
