import pg from 'pg'
import { expect, it } from 'vitest'
import { createSqlEventStore } from '../sql-event-store.js'
import { describeEachDatabase, POSTGRES_TEST_URL } from '../testing/test-databases.js'
import { storeMigrations } from './migrations.js'

/** The schema as the database describes it, with the test's schema name taken out. */
const describeSqlite = async (url: string) => {
  const store = await createSqlEventStore({ url })
  const rows = await store.transact(async (tx) =>
    (
      await tx.db
        .selectFrom('sqlite_master')
        .select(['type', 'name', 'tbl_name', 'sql'])
        .where('name', 'not like', 'sqlite_%')
        .orderBy('name')
        .execute()
    ).map((row) => ({ ...row, sql: typeof row.sql === 'string' ? row.sql.replace(/\s+/g, ' ') : row.sql })),
  )
  await store.close()
  return rows
}

const describePostgresSchema = async (schema: string) => {
  const store = await createSqlEventStore({ url: POSTGRES_TEST_URL, schema })
  await store.close()
  const client = new pg.Client({ connectionString: POSTGRES_TEST_URL })
  await client.connect()
  try {
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, is_nullable, column_default, is_identity
       FROM information_schema.columns WHERE table_schema = $1 ORDER BY table_name, ordinal_position`,
      [schema],
    )
    const indexes = await client.query(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 ORDER BY indexname`, [schema])
    const triggers = await client.query(
      `SELECT event_object_table, trigger_name, action_timing, event_manipulation, action_orientation, action_statement
       FROM information_schema.triggers WHERE trigger_schema = $1 ORDER BY trigger_name`,
      [schema],
    )
    const unschema = (rows: object[]) => JSON.parse(JSON.stringify(rows).replaceAll(`${schema}.`, '<schema>.')) as object[]
    return { columns: unschema(columns.rows), indexes: unschema(indexes.rows), triggers: unschema(triggers.rows) }
  } finally {
    await client.end()
  }
}

describeEachDatabase('schema', (fresh) => {
  it('migrates a new database to the snapshot of the current schema', async () => {
    const database = fresh()
    const described = database.dialect === 'sqlite' ? await describeSqlite(database.url) : await describePostgresSchema(database.schema!)
    expect(described).toMatchSnapshot()
  })

  it('records every migration once, and opening again is a no-op', async () => {
    const database = fresh()
    await (await createSqlEventStore(database)).close()
    const store = await createSqlEventStore(database)
    const applied = await store.transact((tx) => tx.db.selectFrom('ik_migration').select('name').orderBy('name').execute())
    expect(applied.map((row) => row.name)).toEqual(Object.keys(storeMigrations(database.dialect)))
    await store.close()
  })
})
