import { Migrator, sql, type Kysely, type MigrationResultSet } from 'kysely'
import { IncidentKitError } from '@incident-kit/core'
import { isSqliteBusy, retryWhileBusy } from '../sqlite/sqlite-busy.js'
import { storeMigrations, type SqlDialectName } from './migrations.js'

export const MIGRATION_FAILED = 'MIGRATION_FAILED'

/** Kysely's bookkeeping tables, prefixed like ours so that they sit beside an application's own. */
const MIGRATION_TABLE = 'ik_migration'
const MIGRATION_LOCK_TABLE = 'ik_migration_lock'

export interface MigrateStoreOptions {
  readonly dialect: SqlDialectName
  /** Postgres schema holding Kysely's migration tables (the store's own schema). */
  readonly schema?: string
}

/**
 * On SQLite, all pending migrations in ONE `BEGIN IMMEDIATE` transaction: Kysely's migration lock
 * there only covers one connection, so processes starting together on a new file would each
 * create the tables ("table already exists"). The file's write lock makes the second one wait and
 * then find nothing to do; a failure leaves the schema as it was.
 */
const inOneSqliteTransaction = async <DB>(db: Kysely<DB>, migrate: () => Promise<MigrationResultSet>): Promise<MigrationResultSet> => {
  await sql`BEGIN IMMEDIATE`.execute(db)
  let result: MigrationResultSet
  try {
    result = await migrate()
  } catch (error) {
    await sql`ROLLBACK`.execute(db)
    throw error
  }
  await sql.raw(result.error === undefined ? 'COMMIT' : 'ROLLBACK').execute(db)
  return result
}

/**
 * Brings the schema to the latest version. Postgres serialises concurrent starts with Kysely's
 * advisory lock; SQLite with the file's write lock (see `inOneSqliteTransaction`), retrying while
 * the file is busy.
 *
 * @example
 * await migrateStore(db, { dialect: 'postgres', schema: 'incidents' })
 */
export const migrateStore = async <DB>(db: Kysely<DB>, options: MigrateStoreOptions): Promise<void> => {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => storeMigrations(options.dialect) },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
    ...(options.schema ? { migrationTableSchema: options.schema } : {}),
  })
  const migrate = () => (options.dialect === 'sqlite' ? inOneSqliteTransaction(db, () => migrator.migrateToLatest()) : migrator.migrateToLatest())
  // A busy SQLite file is tried again; any other failure names the migration that failed.
  const { error, results } = await retryWhileBusy(async () => {
    const outcome = await migrate()
    if (outcome.error !== undefined && isSqliteBusy(outcome.error)) throw outcome.error
    return outcome
  }).catch((failure: unknown): MigrationResultSet => ({ error: failure, results: undefined }))
  if (error === undefined) return
  const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'setup'
  throw new IncidentKitError(MIGRATION_FAILED, `store migration ${failed} failed: ${String(error)}`, { cause: error })
}
