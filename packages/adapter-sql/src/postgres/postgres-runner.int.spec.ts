import pg from 'pg'
import { afterAll, expect, it } from 'vitest'
import { sql, Kysely, PostgresDialect } from 'kysely'
import { precompile } from '../query/precompile.js'
import { describePostgres, POSTGRES_TEST_URL } from '../testing/test-databases.js'
import { createPostgresRunner } from './postgres-runner.js'
import { DEFAULT_QUERY_TIMEOUT_MS } from './query-timeout.js'

describePostgres('postgres runner', () => {
  const pool = new pg.Pool({ connectionString: POSTGRES_TEST_URL, max: 1 })
  const db = new Kysely<never>({ dialect: new PostgresDialect({ pool }) })
  afterAll(() => pool.end())

  it('keeps its connection when the server rejects a statement (a lost race must not cost a new backend)', async () => {
    const runner = createPostgresRunner(pool, DEFAULT_QUERY_TIMEOUT_MS)
    const backend = precompile({ compile: () => sql`SELECT pg_backend_pid() AS pid`.compile(db) })
    const failing = precompile({ compile: () => sql`SELECT 1 / 0 AS never`.compile(db) })
    const [before] = await runner.all<{ pid: number }>(backend, {})
    await expect(runner.run(failing, {})).rejects.toThrow(/division by zero/)
    await expect(runner.all(failing, {})).rejects.toThrow(/division by zero/)
    const [after] = await runner.all<{ pid: number }>(backend, {})
    expect(after?.pid).toBe(before?.pid)
    expect(pool.totalCount).toBe(1)
  })
})
