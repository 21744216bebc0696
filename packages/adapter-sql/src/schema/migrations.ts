import { sql, type Kysely, type Migration } from 'kysely'
import { CONSTRAINT, TABLE } from './tables.js'

export type SqlDialectName = 'sqlite' | 'postgres'

/* Migrations take `Kysely<any>`: they describe the schema as it was then, not the current type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

/**
 * The events table under `name`. The two dialects differ only where the database does: Postgres
 * records the writing transaction (for the gap-safe order) and stores `data` as jsonb; SQLite as
 * JSON text. `sqliteAutoIncrement` is what 0001 shipped with and 0003 took away.
 */
const createEventsTable = (db: AnyDb, name: string, dialect: SqlDialectName, sqliteAutoIncrement: boolean) => {
  const postgres = dialect === 'postgres'
  let table = db.schema.createTable(name).addColumn('position', postgres ? 'bigint' : 'integer', (c) => {
    if (postgres) return c.primaryKey().generatedAlwaysAsIdentity()
    return sqliteAutoIncrement ? c.primaryKey().autoIncrement() : c.primaryKey()
  })
  if (postgres) table = table.addColumn('transaction_id', sql`xid8`, (c) => c.notNull().defaultTo(sql`pg_current_xact_id()`))
  return table
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('stream_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('data', postgres ? 'jsonb' : 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('command_id', 'text', (c) => c.notNull())
    .addColumn('command_seq', 'integer', (c) => c.notNull())
    .addColumn('correlation_id', 'text', (c) => c.notNull())
    .addColumn('schema_version', 'integer', (c) => c.notNull())
    .addUniqueConstraint(CONSTRAINT.streamVersion, ['stream_id', 'version'])
    .addUniqueConstraint(CONSTRAINT.eventId, ['event_id'])
    .addUniqueConstraint(CONSTRAINT.commandSeq, ['command_id', 'command_seq'])
    .execute()
}

/** 0001: the events table. */
const createEvents = (dialect: SqlDialectName): Migration => ({
  up: async (db: AnyDb) => {
    await createEventsTable(db, TABLE.events, dialect, true)
    if (dialect === 'postgres') await db.schema.createIndex(CONSTRAINT.transactionPosition).on(TABLE.events).columns(['transaction_id', 'position']).execute()
  },
  down: async (db: AnyDb) => {
    await db.schema.dropTable(TABLE.events).execute()
  },
})

/**
 * Rebuilds SQLite's events table with `position` as a plain INTEGER PRIMARY KEY (or back), under a
 * savepoint: `migrateStore` runs SQLite migrations in one transaction, and one run on its own must
 * not lose the log either between the drop and the rename.
 */
const rebuildSqliteEvents = async (db: AnyDb, sqliteAutoIncrement: boolean) => {
  const rebuilt = `${TABLE.events}_rebuilt`
  await sql`SAVEPOINT rebuild_events`.execute(db)
  try {
    await db.schema.dropTable(rebuilt).ifExists().execute()
    await createEventsTable(db, rebuilt, 'sqlite', sqliteAutoIncrement)
    await sql`INSERT INTO ${sql.table(rebuilt)} SELECT * FROM ${sql.table(TABLE.events)}`.execute(db)
    await db.schema.dropTable(TABLE.events).execute()
    await sql`ALTER TABLE ${sql.table(rebuilt)} RENAME TO ${sql.table(TABLE.events)}`.execute(db)
    await sql`RELEASE rebuild_events`.execute(db)
  } catch (error) {
    await sql`ROLLBACK TO rebuild_events`.execute(db)
    await sql`RELEASE rebuild_events`.execute(db)
    throw error
  }
}

/**
 * 0003 (SQLite only): `position` without AUTOINCREMENT. SQLite then numbers a row one above the
 * largest position, which keeps positions rising because events are never deleted, and spares every
 * append the update of `sqlite_sequence` (bench:store: single-event appends about a sixth faster).
 */
const positionWithoutAutoIncrement = (dialect: SqlDialectName): Migration => ({
  up: async (db: AnyDb) => {
    if (dialect === 'sqlite') await rebuildSqliteEvents(db, false)
  },
  down: async (db: AnyDb) => {
    if (dialect === 'sqlite') await rebuildSqliteEvents(db, true)
  },
})

/**
 * 0004 (Postgres only): a repeated command is recognised by its first event. The unique
 * (command_id, command_seq) held one entry per event; a unique command_id over the rows with
 * command_seq = 0 holds one per command, so an append of n events writes n - 1 index entries fewer
 * (bench: batches of 10 and 100 about 5% faster, a smaller index). A command's other events follow
 * its first in its stream (see `readByCommandQuery`). SQLite keeps its index: dropping it means
 * rebuilding the table, and its appends do not need it.
 */
const commandIndexOnFirstEvent = (dialect: SqlDialectName): Migration => ({
  up: async (db: AnyDb) => {
    if (dialect !== 'postgres') return
    await db.schema.createIndex(CONSTRAINT.command).unique().on(TABLE.events).column('command_id').where(sql.ref('command_seq'), '=', 0).execute()
    await db.schema.alterTable(TABLE.events).dropConstraint(CONSTRAINT.commandSeq).execute()
  },
  down: async (db: AnyDb) => {
    if (dialect !== 'postgres') return
    await db.schema.alterTable(TABLE.events).addUniqueConstraint(CONSTRAINT.commandSeq, ['command_id', 'command_seq']).execute()
    await db.schema.dropIndex(CONSTRAINT.command).execute()
  },
})

/** 0002: what subscribers and projections keep between runs, and SQLite's lease locks. */
const createSubscriberState = (dialect: SqlDialectName): Migration => ({
  up: async (db: AnyDb) => {
    await db.schema
      .createTable(TABLE.subscriberCheckpoints)
      .addColumn('subscriber', 'text', (c) => c.primaryKey())
      .addColumn('checkpoint', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createTable(TABLE.projectionStates)
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('checkpoint', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createTable(TABLE.locks)
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('expires_at', dialect === 'postgres' ? 'bigint' : 'integer', (c) => c.notNull())
      .execute()
  },
  down: async (db: AnyDb) => {
    await db.schema.dropTable(TABLE.locks).execute()
    await db.schema.dropTable(TABLE.projectionStates).execute()
    await db.schema.dropTable(TABLE.subscriberCheckpoints).execute()
  },
})

/**
 * The versioned migrations, in order. Never edit one that has shipped: add the next number.
 *
 * @example
 * new Migrator({ db, provider: { getMigrations: async () => storeMigrations('sqlite') } })
 */
export const storeMigrations = (dialect: SqlDialectName): Record<string, Migration> => ({
  '0001_events': createEvents(dialect),
  '0002_subscriber_state': createSubscriberState(dialect),
  '0003_position_without_autoincrement': positionWithoutAutoIncrement(dialect),
  '0004_command_index_on_first_event': commandIndexOnFirstEvent(dialect),
})
