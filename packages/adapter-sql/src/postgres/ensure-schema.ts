import { sql, type Kysely } from 'kysely'
import { TABLE, type StoreDatabase } from '../schema/tables.js'
import { storeNotFound } from '../store-not-found.js'
import { cannotCreateSchema, isPermissionDenied, type PostgresSession } from './permission-denied.js'
import { violatedUniqueConstraint } from './unique-violation.js'

/*
 * Looked up before it is created: Postgres checks CREATE on the database before "if not exists", so
 * `CREATE SCHEMA IF NOT EXISTS` alone fails for a role that owns its schema (or uses `public`) but
 * may not create schemas.
 */
const lookUp = async (db: Kysely<StoreDatabase>, schema: string) => {
  const { rows } = await sql<{ role: string; database: string; exists: boolean; has_store: boolean }>`
    SELECT current_user AS role, current_database() AS database,
      EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ${schema}) AS exists,
      EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = ${schema} AND tablename = ${TABLE.events}) AS has_store`.execute(db)
  const { role, database, exists, has_store: hasStore } = rows[0]!
  return { session: { role, database, schema }, exists, hasStore }
}

/*
 * When another process creates the schema between the look-up and here, Postgres checks "if not
 * exists" before it inserts, so the slower of two fails on the catalogue's unique index although
 * the schema is there now. That failure means success.
 */
const create = async (db: Kysely<StoreDatabase>, session: PostgresSession) => {
  try {
    await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(session.schema)}`.execute(db)
  } catch (error) {
    if (isPermissionDenied(error)) throw cannotCreateSchema(session, error as Error)
    if (violatedUniqueConstraint(error) === undefined) throw error
  }
}

/**
 * Creates the store's schema when it is missing, and says who the store connects as.
 * A role that may not create it gets DATABASE_PERMISSION_DENIED naming the privilege. With
 * `existingOnly`, a schema without the store's tables is refused (`STORE_NOT_FOUND`) instead.
 *
 * @example
 * const session = await ensureSchema(db, 'incidents') // { role: 'ik', database: 'ops', schema: 'incidents' }
 */
export const ensureSchema = async (db: Kysely<StoreDatabase>, schema: string, existingOnly = false): Promise<PostgresSession> => {
  const { session, exists, hasStore } = await lookUp(db, schema)
  if (existingOnly && !hasStore) throw storeNotFound(`schema "${schema}" of database "${session.database}" holds no Incident Kit store`)
  if (!exists) await create(db, session)
  return session
}
