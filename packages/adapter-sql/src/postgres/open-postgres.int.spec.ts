import { afterAll, expect, it } from 'vitest'
import { newTestBatch } from '@incident-kit/core/testing'
import { sql } from 'kysely'
import { createSqlEventStore, type SqlEventStore } from '../sql-event-store.js'
import { describePostgres, dropSchemas, POSTGRES_TEST_URL, uniqueSchema } from '../testing/test-databases.js'
import { DEFAULT_APPLICATION_NAME, INVALID_SCHEMA } from './open-postgres.js'

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

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(createSqlEventStore({ url: POSTGRES_TEST_URL, schema: 'incidents; drop table x' })).rejects.toMatchObject({ code: INVALID_SCHEMA })
    await expect(createSqlEventStore({ url: `${POSTGRES_TEST_URL}?schema=a-b` })).rejects.toMatchObject({ code: INVALID_SCHEMA })
  })
})
