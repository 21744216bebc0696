import type { Generated } from 'kysely'

/**
 * Every table and column name of the store, in one place. Operations build their SQL from these
 * constants and the `StoreDatabase` type below, so a rename happens here and in a migration only.
 */
export const TABLE = {
  events: 'ik_events',
  subscriberCheckpoints: 'ik_subscriber_checkpoints',
  projectionStates: 'ik_projection_states',
  locks: 'ik_locks',
} as const

/** The events table: one row per event; `position` is the global order within one writer's commits. */
export interface EventRow {
  /** SQLite: INTEGER PRIMARY KEY AUTOINCREMENT; Postgres: bigint identity (pg returns it as a string). */
  position: Generated<number | string>
  /** Postgres only: `pg_current_xact_id()` of the writing transaction (xid8, read as a string). */
  transaction_id: Generated<string>
  event_id: string
  stream_id: string
  version: number
  type: string
  /** SQLite: JSON text; Postgres: jsonb, always selected as text so that both parse alike. */
  data: string
  occurred_at: string
  recorded_at: string
  actor_id: string
  command_id: string
  /** The event's index within its command's batch: unique (command_id, command_seq) makes a repeated command collide. */
  command_seq: number
  correlation_id: string
  schema_version: number
}

export interface SubscriberCheckpointRow {
  subscriber: string
  checkpoint: string
  updated_at: string
}

export interface ProjectionStateRow {
  name: string
  version: number
  checkpoint: string
  /** JSON text on both databases. */
  state: string
  updated_at: string
}

/** SQLite's cross-process lease (Postgres uses advisory locks instead). */
export interface LockRow {
  name: string
  owner: string
  /** Milliseconds since the epoch after which another process may take the lease. */
  expires_at: number
}

/** The Kysely database type: table name to row shape. */
export interface StoreDatabase {
  [TABLE.events]: EventRow
  [TABLE.subscriberCheckpoints]: SubscriberCheckpointRow
  [TABLE.projectionStates]: ProjectionStateRow
  [TABLE.locks]: LockRow
}

/** Index and constraint names; the Postgres append tells conflicts apart by these. */
export const CONSTRAINT = {
  streamVersion: 'ik_events_stream_version_key',
  eventId: 'ik_events_event_id_key',
  /** SQLite: unique (command_id, command_seq), one entry per event. */
  commandSeq: 'ik_events_command_seq_key',
  /** Postgres since 0004: unique command_id of a command's first event (command_seq = 0), one entry per command. */
  command: 'ik_events_command_key',
  transactionPosition: 'ik_events_transaction_position_idx',
} as const

/** The NOTIFY channel prefix on Postgres; the schema name follows it. */
export const NOTIFY_CHANNEL_PREFIX = 'ik_events:'
