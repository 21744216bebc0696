import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { newTestBatch } from '@incident-kit/core/testing'
import { createSqlEventStore } from '../sql-event-store.js'
import { describePostgres, dropSchemas, POSTGRES_TEST_URL, uniqueSchema } from '../testing/test-databases.js'
import { DATABASE_PERMISSION_DENIED } from './permission-denied.js'

/** Runs statements as the test database's own role, which may create roles and schemas. */
const asAdmin = async <R extends pg.QueryResultRow>(statement: string, values: unknown[] = []) => {
  const client = new pg.Client({ connectionString: POSTGRES_TEST_URL })
  client.on('error', () => undefined)
  await client.connect()
  try {
    return (await client.query<R>(statement, values)).rows
  } finally {
    await client.end()
  }
}

describePostgres('opening the store as a role without CREATE on the database', () => {
  const role = uniqueSchema('role')
  const password = randomUUID()
  const schemas: string[] = []
  const roleUrl = Object.assign(new URL(POSTGRES_TEST_URL), { username: role, password }).toString()
  /** A schema for this file, created by the admin and dropped after the suite. */
  const adminSchema = async (label: string, ...statements: readonly string[]) => {
    const schema = uniqueSchema(label)
    schemas.push(schema)
    for (const statement of statements) await asAdmin(statement.replaceAll('$schema', `"${schema}"`))
    return schema
  }

  beforeAll(async () => {
    await asAdmin(`CREATE ROLE "${role}" LOGIN PASSWORD '${password}'`)
    // The defect needs a role that may not create schemas; a database granting CREATE to PUBLIC would hide it.
    const [privilege] = await asAdmin<{ create: boolean }>(`SELECT has_database_privilege($1, current_database(), 'CREATE') AS create`, [role])
    expect(privilege?.create).toBe(false)
  })

  afterAll(async () => {
    try {
      await dropSchemas(schemas)
    } finally {
      // The schemas' tables are gone; DROP OWNED takes the role's grants with it, so that DROP ROLE may run.
      if ((await asAdmin('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).length > 0) {
        await asAdmin(`DROP OWNED BY "${role}"`)
        await asAdmin(`DROP ROLE "${role}"`)
      }
    }
  })

  it('opens a schema the role owns and migrates it there', async () => {
    const schema = await adminSchema('owned', `CREATE SCHEMA $schema AUTHORIZATION "${role}"`)
    const store = await createSqlEventStore({ url: roleUrl, schema })
    try {
      await store.appendToStream('incident-1', newTestBatch(2), { expectedVersion: 0 })
      expect(await store.readStream('incident-1')).toHaveLength(2)
    } finally {
      await store.close()
    }
    const owners = await asAdmin<{ tablename: string; tableowner: string }>(`SELECT tablename, tableowner FROM pg_tables WHERE schemaname = $1`, [schema])
    expect(owners).toContainEqual({ tablename: 'ik_events', tableowner: role })
    expect(owners).toContainEqual({ tablename: 'ik_migration', tableowner: role })
  })

  it('opens a schema another role owns that grants it CREATE, as public does where that is granted', async () => {
    const schema = await adminSchema('granted', 'CREATE SCHEMA $schema', `GRANT USAGE, CREATE ON SCHEMA $schema TO "${role}"`)
    const store = await createSqlEventStore({ url: roleUrl, schema })
    try {
      await store.appendToStream('incident-1', newTestBatch(1), { expectedVersion: 0 })
      expect(await store.readStream('incident-1')).toHaveLength(1)
    } finally {
      await store.close()
    }
  })

  it('refuses a missing schema with DATABASE_PERMISSION_DENIED, naming the privilege and how to grant it', async () => {
    const schema = uniqueSchema('missing')
    schemas.push(schema)
    await expect(createSqlEventStore({ url: roleUrl, schema })).rejects.toMatchObject({
      code: DATABASE_PERMISSION_DENIED,
      message: expect.stringMatching(
        new RegExp(`^role "${role}" may not create the schema "${schema}" \\(permission denied for database .*\\): .*` +
          `CREATE SCHEMA "${schema}" AUTHORIZATION "${role}".*GRANT CREATE ON DATABASE "[^"]+" TO "${role}"`),
      ),
    })
    expect(await asAdmin('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).toHaveLength(0)
  })

  it('refuses a schema it may not use with DATABASE_PERMISSION_DENIED, naming the grant it needs', async () => {
    const schema = await adminSchema('foreign', 'CREATE SCHEMA $schema')
    await expect(createSqlEventStore({ url: roleUrl, schema })).rejects.toMatchObject({
      code: DATABASE_PERMISSION_DENIED,
      message: expect.stringMatching(
        new RegExp(`^role "${role}" may not create or use the store's tables in schema "${schema}" .*\\(permission denied for schema ${schema}\\): .*` +
          `GRANT USAGE, CREATE ON SCHEMA "${schema}" TO "${role}"`),
      ),
    })
  })
})

describePostgres('opening an existing store as a read-only role', () => {
  const role = uniqueSchema('reader')
  const password = randomUUID()
  const schema = uniqueSchema('read_only')
  const roleUrl = Object.assign(new URL(POSTGRES_TEST_URL), { username: role, password }).toString()

  beforeAll(async () => {
    const owner = await createSqlEventStore({ url: POSTGRES_TEST_URL, schema })
    await owner.appendToStream('incident-1', newTestBatch(2), { expectedVersion: 0 })
    await owner.close()
    await asAdmin(`CREATE ROLE "${role}" LOGIN PASSWORD '${password}'`)
    // What a reporting tool gets: the schema and its tables to read, nothing on the position sequence.
    await asAdmin(`GRANT USAGE ON SCHEMA "${schema}" TO "${role}"`)
    await asAdmin(`GRANT SELECT ON ALL TABLES IN SCHEMA "${schema}" TO "${role}"`)
  })

  afterAll(async () => {
    try {
      await dropSchemas([schema])
    } finally {
      if ((await asAdmin('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).length > 0) {
        await asAdmin(`DROP OWNED BY "${role}"`)
        await asAdmin(`DROP ROLE "${role}"`)
      }
    }
  })

  it('opens it with existingOnly and reads it, leaving the position sequence alone', async () => {
    const store = await createSqlEventStore({ url: roleUrl, schema, existingOnly: true })
    try {
      expect(await store.readStream('incident-1')).toHaveLength(2)
    } finally {
      await store.close()
    }
  })
})
