import pg from 'pg'
import { Kysely, PostgresDialect } from 'kysely'
import { IncidentKitError } from '@incident-kit/core'
import type { StoreDatabase } from '../schema/tables.js'
import { connectionFailure } from './connection-failure.js'
import { connectTimeoutMs } from './connect-timeout.js'
import { ensureSchema } from './ensure-schema.js'
import { INVALID_SCHEMA, schemaNameProblem } from './schema-name.js'
import { sessionOptions } from './session-options.js'

const DEFAULT_POSTGRES_SCHEMA = 'public'
const DEFAULT_POOL_SIZE = 10

/*
 * TCP keepalive on every connection of the store, the first probe after 10 s of silence: without
 * it, a connection whose host went away without closing it (a partition, a failed-over host that
 * vanished) looks alive forever while idle. (Node sets only the first delay; the kernel's interval
 * and probe count decide when the connection is declared dead, about 11 minutes more on Linux's
 * defaults: the query timeout below is what bounds a statement in flight.)
 */
const KEEPALIVE_INITIAL_DELAY_MS = 10_000

export interface OpenPostgresOptions {
  readonly connectionString: string
  readonly schema?: string
  readonly poolSize?: number
  /** Refuse (`STORE_NOT_FOUND`) a schema without the store's tables instead of creating them. */
  readonly existingOnly?: boolean
}

/** How the store's sessions show in `pg_stat_activity` unless the URL or `PGAPPNAME` names them. */
export const DEFAULT_APPLICATION_NAME = 'incident-kit'

/** Connection settings for every client of the store: the pool, the listener and lock holders. */
const postgresClientConfig = (connectionString: string, schema: string): pg.ClientConfig => ({
  ...sessionOptions(connectionString, schema),
  connectionTimeoutMillis: connectTimeoutMs(connectionString),
  keepAlive: true,
  keepAliveInitialDelayMillis: KEEPALIVE_INITIAL_DELAY_MS,
  // A URL's `?application_name=` still wins: pg lets the connection string override the config.
  ...(process.env['PGAPPNAME'] ? {} : { application_name: DEFAULT_APPLICATION_NAME }),
})

/**
 * Creates the schema if missing and opens a pool whose connections use it, wrapped in Kysely; the
 * session says which role and database the store connects to.
 *
 * @example
 * const { pool, db, session } = await openPostgres({ connectionString: 'postgres://127.0.0.1/test', schema: 'incidents' })
 */
export const openPostgres = async ({ connectionString, schema = DEFAULT_POSTGRES_SCHEMA, poolSize = DEFAULT_POOL_SIZE, existingOnly = false }: OpenPostgresOptions) => {
  // Opening (the schema, the migrations, a restored log's repair, which may take long on a big log)
  // runs without the query timeout; the store's statements after it have it (`timedPool`).
  const schemaProblem = schemaNameProblem(schema)
  if (schemaProblem !== undefined) throw new IncidentKitError(INVALID_SCHEMA, schemaProblem)
  const config = postgresClientConfig(connectionString, schema)
  const pool = new pg.Pool({ ...config, max: poolSize })
  // An idle client's network error must not crash the process; the next query reports it.
  pool.on('error', () => undefined)
  // Nor may a checked-out client's between two statements (a transaction's handler running, the
  // server restarting): pg emits it on the client, and the pool listens only while it is idle. The
  // statement in flight, or the next one, fails with it instead.
  pool.on('connect', (client) => client.on('error', () => undefined))
  const db = new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool }) })
  const session = await ensureSchema(db, schema, existingOnly).catch(async (error: unknown) => {
    await db.destroy()
    // The store's own refusals (a missing privilege, no store) are already worded; the rest is the connection's.
    throw error instanceof IncidentKitError ? error : connectionFailure(connectionString, error)
  })
  return { pool, db, config, session, poolSize }
}
