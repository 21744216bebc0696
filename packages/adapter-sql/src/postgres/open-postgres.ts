import pg from 'pg'
import { Kysely, PostgresDialect, sql } from 'kysely'
import { IncidentKitError } from '@incident-kit/core'
import { redactDatabaseUrl } from '../database-url.js'
import type { StoreDatabase } from '../schema/tables.js'
import { connectionFailureReason } from './connection-failure.js'
import { connectTimeoutMs } from './connect-timeout.js'
import { violatedUniqueConstraint } from './unique-violation.js'

export const INVALID_SCHEMA = 'INVALID_SCHEMA'
/** A PostgreSQL server the store cannot reach; the message names it (password hidden) and why. */
export const DATABASE_UNREACHABLE = 'DATABASE_UNREACHABLE'
const DEFAULT_POSTGRES_SCHEMA = 'public'
const DEFAULT_POOL_SIZE = 10

export interface OpenPostgresOptions {
  readonly connectionString: string
  readonly schema?: string
  readonly poolSize?: number
}

/** A plain identifier, so that it needs no escaping in `search_path` and the NOTIFY channel name. */
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,47}$/

/** How the store's sessions show in `pg_stat_activity` unless the URL or `PGAPPNAME` names them. */
export const DEFAULT_APPLICATION_NAME = 'incident-kit'

/** Connection settings for every client of the store: the pool, the listener and lock holders. */
const postgresClientConfig = (connectionString: string, schema: string): pg.ClientConfig => ({
  connectionString,
  connectionTimeoutMillis: connectTimeoutMs(connectionString),
  // Quoted as `CREATE SCHEMA` quotes it: unquoted, Postgres would look for `myschema` instead of `MySchema`.
  options: `-c search_path="${schema}"`,
  // A URL's `?application_name=` still wins: pg lets the connection string override the config.
  ...(process.env['PGAPPNAME'] ? {} : { application_name: DEFAULT_APPLICATION_NAME }),
})

/**
 * `CREATE SCHEMA IF NOT EXISTS`, also when another process creates it at the same moment: Postgres
 * checks "if not exists" before it inserts, so the slower of two fails on the catalogue's unique
 * index although the schema is there now. That failure means success.
 */
const createSchema = async (db: Kysely<StoreDatabase>, schema: string) => {
  try {
    await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(schema)}`.execute(db)
  } catch (error) {
    if (violatedUniqueConstraint(error) === undefined) throw error
  }
}

/**
 * Creates the schema if missing and opens a pool whose connections use it, wrapped in Kysely.
 *
 * @example
 * const { pool, db, schema } = await openPostgres({ connectionString: 'postgres://127.0.0.1/test', schema: 'incidents' })
 */
export const openPostgres = async ({ connectionString, schema = DEFAULT_POSTGRES_SCHEMA, poolSize = DEFAULT_POOL_SIZE }: OpenPostgresOptions) => {
  if (!SCHEMA_NAME.test(schema)) throw new IncidentKitError(INVALID_SCHEMA, `schema "${schema}" must be a plain identifier (letters, digits, _)`)
  const config = postgresClientConfig(connectionString, schema)
  const pool = new pg.Pool({ ...config, max: poolSize })
  // An idle client's network error must not crash the process; the next query reports it.
  pool.on('error', () => undefined)
  // Nor may a checked-out client's between two statements (a transaction's handler running, the
  // server restarting): pg emits it on the client, and the pool listens only while it is idle. The
  // statement in flight, or the next one, fails with it instead.
  pool.on('connect', (client) => client.on('error', () => undefined))
  const db = new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool }) })
  try {
    await createSchema(db, schema)
  } catch (error) {
    await db.destroy()
    throw new IncidentKitError(DATABASE_UNREACHABLE, `cannot use ${redactDatabaseUrl(connectionString)}: ${connectionFailureReason(error)}`, {
      cause: error,
    })
  }
  return { pool, db, schema, config }
}
