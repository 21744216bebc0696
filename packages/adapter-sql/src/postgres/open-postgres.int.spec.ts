import { createServer, type Server, type Socket } from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import { newTestBatch } from '@incident-kit/core/testing'
import { sql } from 'kysely'
import { INVALID_DATABASE_URL } from '../database-url.js'
import { createSqlEventStore, type SqlEventStore } from '../sql-event-store.js'
import { describePostgres, dropSchemas, POSTGRES_TEST_URL, uniqueSchema } from '../testing/test-databases.js'
import { DEFAULT_APPLICATION_NAME } from './open-postgres.js'
import { INVALID_SCHEMA } from './schema-name.js'

describePostgres('the Postgres schema option', () => {
  const schemas: string[] = []
  afterAll(() => dropSchemas(schemas))

  it('keeps the case of a schema name: MySchema and myschema are two stores', async () => {
    const lower = uniqueSchema('case').toLowerCase()
    const upper = lower.replace('ik_t_', 'IK_T_')
    schemas.push(lower, upper)
    const a = await createSqlEventStore({ url: POSTGRES_TEST_URL, schema: upper })
    const b = await createSqlEventStore({ url: POSTGRES_TEST_URL, schema: lower })
    try {
      await a.appendToStream('incident-1', newTestBatch(2), { expectedVersion: 0 })
      expect(await a.readStream('incident-1')).toHaveLength(2)
      expect(await b.readStream('incident-1')).toHaveLength(0)
    } finally {
      await a.close()
      await b.close()
    }
  })

  it("takes the schema from the URL's ?schema= when the option does not name one", async () => {
    const schema = uniqueSchema('url')
    schemas.push(schema)
    const byOption = await createSqlEventStore({ url: POSTGRES_TEST_URL, schema })
    const byUrl = await createSqlEventStore({ url: `${POSTGRES_TEST_URL}?schema=${schema}` })
    try {
      await byOption.appendToStream('incident-1', newTestBatch(3), { expectedVersion: 0 })
      expect(await byUrl.readStream('incident-1')).toHaveLength(3)
    } finally {
      await byOption.close()
      await byUrl.close()
    }
  })

  it("names its sessions incident-kit in pg_stat_activity, unless the URL's ?application_name= names them", async () => {
    const schema = uniqueSchema('appname')
    schemas.push(schema)
    const applicationName = (store: SqlEventStore) =>
      store.transact(async (tx) => (await sql<{ name: string }>`SELECT current_setting('application_name') AS name`.execute(tx.db)).rows[0]!.name)
    const unnamed = await createSqlEventStore({ url: POSTGRES_TEST_URL, schema })
    const named = await createSqlEventStore({ url: `${POSTGRES_TEST_URL}?application_name=on-call-bot`, schema })
    try {
      expect(await applicationName(unnamed)).toBe(DEFAULT_APPLICATION_NAME)
      expect(await applicationName(named)).toBe('on-call-bot')
    } finally {
      await unnamed.close()
      await named.close()
    }
  })

  it("keeps the URL's ?options= and still puts the tables in the schema (pg let the options replace its search_path)", async () => {
    const schema = uniqueSchema('options')
    schemas.push(schema)
    const store = await createSqlEventStore({ url: `${POSTGRES_TEST_URL}?schema=${schema}&options=-c statement_timeout=5000` })
    try {
      await store.appendToStream('incident-1', newTestBatch(2), { expectedVersion: 0 })
      const seen = await store.transact(async (tx) => ({
        statementTimeout: (await sql<{ statement_timeout: string }>`SHOW statement_timeout`.execute(tx.db)).rows[0]!.statement_timeout,
        eventsInSchema: (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.id(schema, 'ik_events')}`.execute(tx.db)).rows[0]!.n,
      }))
      expect(seen).toEqual({ statementTimeout: '5s', eventsInSchema: 2 })
    } finally {
      await store.close()
    }
  })

  it('refuses URL options that set search_path: the schema is named with ?schema= or the schema option', async () => {
    await expect(createSqlEventStore({ url: `${POSTGRES_TEST_URL}?options=-c%20search_path%3Delsewhere`, schema: uniqueSchema('path') })).rejects.toMatchObject({
      code: INVALID_DATABASE_URL,
    })
  })

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(createSqlEventStore({ url: POSTGRES_TEST_URL, schema: 'incidents; drop table x' })).rejects.toMatchObject({ code: INVALID_SCHEMA })
    await expect(createSqlEventStore({ url: `${POSTGRES_TEST_URL}?schema=a-b` })).rejects.toMatchObject({ code: INVALID_DATABASE_URL })
  })
})

/** A TCP server that accepts connections and never answers, like a host behind a dropping firewall. */
const silentServer = async () => {
  const sockets = new Set<Socket>()
  const server: Server = createServer((socket) => sockets.add(socket))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve())
      sockets.forEach((socket) => socket.destroy())
    })
  return { port, close }
}

describe('opening a Postgres store that cannot be reached', () => {
  it("gives up after the URL's connect_timeout with DATABASE_UNREACHABLE, naming the database without its password", { timeout: 15_000 }, async () => {
    const server = await silentServer()
    try {
      const started = Date.now()
      const opening = createSqlEventStore({ url: `postgres://ik:secret@127.0.0.1:${server.port}/test?connect_timeout=1` })
      await expect(opening).rejects.toMatchObject({
        code: 'DATABASE_UNREACHABLE',
        message: expect.stringMatching(new RegExp(`^cannot use postgres://ik:\\*\\*\\*@127\\.0\\.0\\.1:${server.port}/test\\?connect_timeout=1: .*timeout`)),
      })
      expect(Date.now() - started).toBeLessThan(10_000)
    } finally {
      await server.close()
    }
  })

  it('says why a refused connection failed', async () => {
    const server = await silentServer()
    await server.close()
    await expect(createSqlEventStore({ url: `postgres://127.0.0.1:${server.port}/test` })).rejects.toMatchObject({
      code: 'DATABASE_UNREACHABLE',
      message: expect.stringContaining('ECONNREFUSED'),
    })
  })
})
