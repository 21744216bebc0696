import pg from 'pg'
import { afterAll, expect, it } from 'vitest'
import { NO_STREAM, START } from '@incident-kit/core'
import { eventually, newTestBatch } from '@incident-kit/core/testing'
import { createSqlEventStore } from '../sql-event-store.js'
import type { StoreWarning } from '../store-warning.js'
import { describePostgres, dropSchemas, POSTGRES_TEST_URL, uniqueSchema } from '../testing/test-databases.js'

/*
 * The open transaction holds back every reader on the server, other test files' too, so it stays
 * open for one read's visibility wait (about a second), as the gap-safety tests' slow writers do.
 */
describePostgres('events held back by an open transaction (Postgres)', () => {
  const schemas: string[] = []
  afterAll(() => dropSchemas(schemas))

  it('warns after heldBackWarningMs, naming the open transaction and its session, and reads on once it ends', async () => {
    const schema = uniqueSchema('held_back')
    schemas.push(schema)
    const warnings: StoreWarning[] = []
    const patientWarnings: StoreWarning[] = []
    const store = await createSqlEventStore({ url: POSTGRES_TEST_URL, schema, heldBackWarningMs: 100, onWarning: (w) => warnings.push(w) })
    const patient = await createSqlEventStore({ url: POSTGRES_TEST_URL, schema, heldBackWarningMs: 60_000, onWarning: (w) => patientWarnings.push(w) })
    const blocker = new pg.Client({ connectionString: POSTGRES_TEST_URL, application_name: 'held-back-blocker' })
    await blocker.connect()
    try {
      await blocker.query('BEGIN')
      // An id makes it a writing transaction: only those hold the horizon back.
      const { rows } = await blocker.query<{ xid: string; pid: number }>('SELECT pg_current_xact_id()::text AS xid, pg_backend_pid() AS pid')
      const { xid, pid } = rows[0]!
      await store.appendToStream('incident-held', newTestBatch(1), { expectedVersion: NO_STREAM })

      const [held, patientHeld] = await Promise.all([store.readAll({ after: START, limit: 10 }), patient.readAll({ after: START, limit: 10 })])
      expect(held.events).toEqual([])
      expect(patientHeld.events).toEqual([])
      const [warning] = await eventually(() => warnings.length > 0 && warnings)
      expect(warning).toMatchObject({
        code: 'EVENTS_HELD_BACK',
        blocker: { xid: String(BigInt(xid) % 2n ** 32n), pid, user: 'postgres', application: 'held-back-blocker', state: 'idle in transaction' },
      })
      if (warning?.code !== 'EVENTS_HELD_BACK') throw new Error(`expected EVENTS_HELD_BACK, got ${warning?.code}`)
      expect(warning.heldBackMs).toBeGreaterThanOrEqual(100)
      expect(warning.blocker!.startedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
      expect(warning.message).toContain(`pid ${pid}`)
      expect(warning.message).toContain('idle in transaction')
      expect(patientWarnings).toEqual([])
    } finally {
      await blocker.query('ROLLBACK')
      await blocker.end()
    }

    const count = warnings.length
    expect((await store.readAll({ after: START, limit: 10 })).events).toHaveLength(1)
    expect(warnings).toHaveLength(count)
    await Promise.all([store.close(), patient.close()])
  })
})
