import { Migrator, type Kysely } from 'kysely'
import { IncidentKitError } from '@incident-kit/core'
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

const SQLITE_BUSY_RETRIES = 20
const SQLITE_BUSY_BACKOFF_MS = 50

const isSqliteBusy = (error: unknown) => typeof error === 'object' && error !== null && String((error as { code?: unknown }).code).startsWith('SQLITE_BUSY')

/**
 * Brings the schema to the latest version. Postgres serialises concurrent starts with Kysely's
 * advisory lock; SQLite processes starting together on a new file retry when the file is busy.
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
  for (let attempt = 0; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest()
    if (error === undefined) return
    if (isSqliteBusy(error) && attempt < SQLITE_BUSY_RETRIES) {
      await new Promise((resolve) => setTimeout(resolve, SQLITE_BUSY_BACKOFF_MS * (attempt + 1)))
      continue
    }
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'setup'
    throw new IncidentKitError(MIGRATION_FAILED, `store migration ${failed} failed: ${String(error)}`, { cause: error })
  }
}
