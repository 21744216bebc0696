import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, describe } from 'vitest'

/** The Postgres the tests use; CI sets it, a laptop falls back to the local default. */
export const POSTGRES_TEST_URL = process.env['DATABASE_URL_TEST'] ?? 'postgres://postgres@127.0.0.1:5432/test'
const REQUIRE_POSTGRES = process.env['INCIDENT_KIT_REQUIRE_POSTGRES'] === '1'

const probePostgres = async (): Promise<string | undefined> => {
  const client = new pg.Client({ connectionString: POSTGRES_TEST_URL, connectionTimeoutMillis: 3_000 })
  client.on('error', () => undefined)
  try {
    await client.connect()
    await client.query('SELECT 1')
    return undefined
  } catch (error) {
    return (error as Error).message
  } finally {
    await client.end().catch(() => undefined)
  }
}

const unreachable = await probePostgres()
if (unreachable !== undefined && REQUIRE_POSTGRES) {
  throw new Error(`INCIDENT_KIT_REQUIRE_POSTGRES=1 but PostgreSQL at DATABASE_URL_TEST is unreachable: ${unreachable}`)
}
if (unreachable !== undefined) {
  console.warn(`[adapter-sql] PostgreSQL tests SKIPPED: DATABASE_URL_TEST unreachable (${unreachable}). Set INCIDENT_KIT_REQUIRE_POSTGRES=1 to fail instead.`)
}

/** `describe` for Postgres tests: skipped with a notice when Postgres is unreachable (failing under CI). */
export const describePostgres = describe.skipIf(unreachable !== undefined)

let schemaCounter = 0

/**
 * A schema name no other test file uses, so that parallel files never see each other's rows.
 *
 * @example
 * createSqlEventStore({ url: POSTGRES_TEST_URL, schema: uniqueSchema('locks') })
 */
export const uniqueSchema = (label: string) =>
  `ik_t_${label.replace(/[^a-z0-9]/gi, '_').slice(0, 16)}_${process.pid}_${Date.now().toString(36)}_${schemaCounter++}`

/** Runs `work` on a connection of its own to the test database. */
const withTestClient = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: POSTGRES_TEST_URL })
  client.on('error', () => undefined)
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/**
 * Drops test schemas (and everything in them).
 *
 * @example
 * afterAll(() => dropSchemas(schemas))
 */
export const dropSchemas = async (schemas: readonly string[]) => {
  if (schemas.length === 0) return
  await withTestClient(async (client) => {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
  })
}

/**
 * Whether the test database has a schema of this name (with or without the store's tables): a
 * command that refuses must not have created one.
 *
 * @example
 * expect(await schemaExists(schema)).toBe(false)
 */
export const schemaExists = (schema: string) =>
  withTestClient(async (client) => (await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).rowCount === 1)

/**
 * A temporary directory for SQLite files, removed by the returned `cleanup`.
 *
 * @example
 * const files = temporaryDirectory('contract'); afterAll(files.cleanup)
 */
export const temporaryDirectory = (label: string) => {
  const dir = mkdtempSync(join(tmpdir(), `ik-${label}-`))
  return { dir, file: (name: string) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** One empty database (a SQLite file or a Postgres schema) that several stores can open. */
export interface TestDatabase {
  readonly dialect: 'sqlite' | 'postgres'
  readonly url: string
  readonly schema?: string
}

/**
 * Runs `body` once per dialect: SQLite (a WAL file in a temporary directory) and Postgres (skipped
 * with a notice when unreachable). `fresh()` gives an empty database; the files and schemas go
 * away after the suite.
 *
 * @example
 * describeEachDatabase('locks', (fresh) => it('...', async () => { const db = fresh(); ... }))
 */
export const describeEachDatabase = (label: string, body: (fresh: () => TestDatabase) => void) => {
  describe(`${label} on SQLite`, () => {
    const files = temporaryDirectory(label.replace(/\W/g, '-'))
    afterAll(() => files.cleanup())
    let n = 0
    body(() => ({ dialect: 'sqlite', url: `sqlite:${files.file(`db-${n++}.db`)}` }))
  })
  describePostgres(`${label} on PostgreSQL`, () => {
    const schemas: string[] = []
    afterAll(() => dropSchemas(schemas))
    body(() => {
      const schema = uniqueSchema(label)
      schemas.push(schema)
      return { dialect: 'postgres', url: POSTGRES_TEST_URL, schema }
    })
  })
}

/**
 * Cuts every connection of one application (its `?application_name=`), as a PostgreSQL restart or
 * failover does; resolves with how many it cut.
 *
 * @example
 * await createSqlEventStore({ url: `${POSTGRES_TEST_URL}?application_name=${schema}`, schema })
 * await cutConnections(schema)
 */
export const cutConnections = (applicationName: string): Promise<number> =>
  withTestClient(async (admin) => (await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [applicationName])).rowCount ?? 0)
