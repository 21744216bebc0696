import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, expect, it } from 'vitest'
import { ANY, START, type RecordedEvent } from '@incident-kit/core'
import { newTestBatch } from '@incident-kit/core/testing'
import { createSqlEventStore } from '../sql-event-store.js'
import { TABLE } from '../schema/tables.js'
import { describePostgres, dropSchemas, POSTGRES_TEST_URL, uniqueSchema } from '../testing/test-databases.js'

const WRITERS = 8
const TRANSACTIONS_PER_WRITER = 12
const EVENTS_PER_TRANSACTION = 2
const READ_PAGE = 5

/*
 * A slow writer: its own transaction inserts rows (taking positions from the sequence at once), then
 * sleeps before COMMIT, so faster writers commit higher positions first: the case that makes a
 * position-only checkpoint skip rows.
 */
const slowWriter = async (schema: string, writer: number, written: string[]) => {
  const client = new pg.Client({ connectionString: POSTGRES_TEST_URL, options: `-c search_path=${schema}` })
  await client.connect()
  const streamId = `incident-slow-${writer}`
  try {
    for (let t = 0; t < TRANSACTIONS_PER_WRITER; t++) {
      const commandId = randomUUID()
      await client.query('BEGIN')
      const ids: string[] = []
      for (let seq = 0; seq < EVENTS_PER_TRANSACTION; seq++) {
        const id = randomUUID()
        ids.push(id)
        await client.query(
          `INSERT INTO ${TABLE.events} (event_id, stream_id, version, type, data, occurred_at, recorded_at, actor_id,
             command_id, command_seq, correlation_id, schema_version)
           VALUES ($1, $2, $3, 'incident.note_added', '{"text":"slow"}', $4, $4, 'writer', $5, $6, $5, 1)`,
          [id, streamId, t * EVENTS_PER_TRANSACTION + seq + 1, new Date().toISOString(), commandId, seq],
        )
      }
      await client.query(`SELECT pg_sleep(${(5 + ((writer * 7 + t * 13) % 40)) / 1000})`)
      await client.query('COMMIT')
      written.push(...ids)
    }
  } finally {
    await client.end()
  }
}

/** A fast writer: the store's own one-statement appends. */
const fastWriter = async (schema: string, writer: number, written: string[]) => {
  const store = await createSqlEventStore({ url: POSTGRES_TEST_URL, schema, poolSize: 1 })
  for (let t = 0; t < TRANSACTIONS_PER_WRITER; t++) {
    const result = await store.appendToStream(`incident-fast-${writer}`, newTestBatch(EVENTS_PER_TRANSACTION), { expectedVersion: ANY })
    written.push(...result.events.map((e) => e.id))
  }
  await store.close()
}

describePostgres('gap-safe readAll on PostgreSQL', () => {
  const schemas: string[] = []
  afterAll(() => dropSchemas(schemas))

  it('a reader polling while 8 writers commit out of order sees every event once, in checkpoint order', { timeout: 60_000 }, async () => {
    const schema = uniqueSchema('gaps')
    schemas.push(schema)
    const reader = await createSqlEventStore({ url: POSTGRES_TEST_URL, schema })
    const written: string[] = []
    let writing = true
    const writers = Promise.all(
      Array.from({ length: WRITERS }, (_, w) => (w % 2 === 0 ? slowWriter(schema, w, written) : fastWriter(schema, w, written))),
    ).finally(() => (writing = false))

    const seen: RecordedEvent[] = []
    const checkpoints: string[] = []
    let after = START
    for (;;) {
      const done = !writing
      const page = await reader.readAll({ after, limit: READ_PAGE })
      seen.push(...page.events)
      if (page.events.length > 0) checkpoints.push(page.checkpoint)
      after = page.checkpoint
      // The count, not an empty page, ends the loop: the cluster-wide horizon may hold rows back a while.
      if (done && seen.length >= written.length) break
      if (page.events.length === 0) await new Promise((resolve) => setTimeout(resolve, 2))
    }
    await writers

    expect(written).toHaveLength(WRITERS * TRANSACTIONS_PER_WRITER * EVENTS_PER_TRANSACTION)
    expect(seen.map((e) => e.id).sort()).toEqual([...written].sort())
    expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length)
    const positions = seen.map((e) => e.position)
    expect(positions).toEqual([...positions].sort())
    expect(checkpoints).toEqual([...new Set(checkpoints)].sort())
    await reader.close()
  })

  it('a short read waits for an older transaction that holds its rows back, then returns them (read-your-writes)', { timeout: 20_000 }, async () => {
    const schema = uniqueSchema('held')
    schemas.push(schema)
    const store = await createSqlEventStore({ url: POSTGRES_TEST_URL, schema })
    const blocker = new pg.Client({ connectionString: POSTGRES_TEST_URL })
    await blocker.connect()
    // An open transaction with an id keeps the horizon (xmin) below every later transaction's id.
    await blocker.query('BEGIN')
    await blocker.query('SELECT pg_current_xact_id()')
    const appended = await store.appendToStream('incident-held', newTestBatch(2), { expectedVersion: ANY })
    const started = Date.now()
    const reading = store.readAll({ after: START, limit: 10 })
    await new Promise((resolve) => setTimeout(resolve, 150))
    await blocker.query('COMMIT')
    const page = await reading
    expect(page.events.map((e) => e.id)).toEqual(appended.events.map((e) => e.id))
    expect(Date.now() - started).toBeGreaterThanOrEqual(100)
    await blocker.end()
    await store.close()
  })
})

