import { afterAll, expect, it } from 'vitest'
import { sql } from 'kysely'
import { createSqlEventStore } from '../sql-event-store.js'
import { isTransientDatabaseError } from '../transient-error.js'
import { describePostgres, dropSchemas, POSTGRES_TEST_URL, uniqueSchema } from '../testing/test-databases.js'

describePostgres('transact on Postgres', () => {
  const schemas: string[] = []
  afterAll(() => dropSchemas(schemas))

  it('runs a transact begun inside another one on a connection of its own, without waiting for the slot its caller holds', { timeout: 20_000 }, async () => {
    const schema = uniqueSchema('nested_transact')
    schemas.push(schema)
    // One transaction slot: before, the inner one waited for the outer's slot until the connect timeout.
    const store = await createSqlEventStore({ url: `${POSTGRES_TEST_URL}?connect_timeout=2`, schema, poolSize: 2 })
    try {
      const started = Date.now()
      await expect(store.transact(() => store.transact(async () => 'inner'))).resolves.toBe('inner')
      expect(Date.now() - started).toBeLessThan(1_500)
      // Its slot given back: the next transaction runs at once.
      await expect(store.transact(async () => 'next')).resolves.toBe('next')
    } finally {
      await store.close()
    }
  })

  it('fails a transaction whose statement timed out after one query timeout, with the timeout, a transient error', { timeout: 20_000 }, async () => {
    const schema = uniqueSchema('transact_timeout')
    schemas.push(schema)
    const queryTimeoutMs = 300
    const store = await createSqlEventStore({ url: POSTGRES_TEST_URL, schema, queryTimeoutMs })
    try {
      const started = Date.now()
      const error = await store.transact((tx) => sql`SELECT pg_sleep(3)`.execute(tx.db)).catch((failure: unknown) => failure)
      const tookMs = Date.now() - started
      expect(error).toBeInstanceOf(Error)
      expect((error as Error).message).toMatch(/Query read timeout/)
      expect(isTransientDatabaseError(error)).toBe(true)
      // Before, the ROLLBACK queued behind the timed-out statement and waited a query timeout of its own.
      expect(tookMs).toBeLessThan(1.5 * queryTimeoutMs)
      // The store goes on working on its other connections.
      await expect(store.transact(async () => 'after')).resolves.toBe('after')
    } finally {
      await store.close()
    }
  })
})
