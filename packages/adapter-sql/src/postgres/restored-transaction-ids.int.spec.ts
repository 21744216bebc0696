import pg from 'pg'
import { afterAll, expect, it } from 'vitest'
import { NO_STREAM, START, type RecordedEvent } from '@incident-kit/core'
import { newTestBatch } from '@incident-kit/core/testing'
import { createSqlEventStore } from '../sql-event-store.js'
import type { StoreWarning } from '../store-warning.js'
import { describePostgres, dropSchemas, POSTGRES_TEST_URL, uniqueSchema } from '../testing/test-databases.js'

/** Far above any counter this test cluster reaches: what a dump of a busier cluster brings. */
const OTHER_CLUSTER = 10n ** 12n

/*
 * What pg_dump and restore into another cluster do to the store's tables: every row and stored
 * checkpoint keeps the old cluster's transaction ids. The first event is made to have committed
 * last there, so the old order, (transaction id, position), differs from the order of positions.
 */
const restoreFromBusierCluster = async (schema: string) => {
  const client = new pg.Client({ connectionString: POSTGRES_TEST_URL })
  await client.connect()
  try {
    await client.query(`SET search_path = "${schema}"`)
    await client.query(`UPDATE ik_events SET transaction_id = (transaction_id::text::numeric + ${OTHER_CLUSTER})::text::xid8`)
    await client.query(`UPDATE ik_events SET transaction_id = (transaction_id::text::numeric + 1000)::text::xid8 WHERE version = 1 AND stream_id = 'incident-a'`)
    for (const table of ['ik_subscriber_checkpoints', 'ik_projection_states']) {
      await client.query(`UPDATE ${table} SET checkpoint = lpad((split_part(checkpoint, ':', 1)::numeric + ${OTHER_CLUSTER})::text, 20, '0') || ':' || split_part(checkpoint, ':', 2)`)
    }
  } finally {
    await client.end()
  }
}

const ids = (events: readonly RecordedEvent[]) => events.map((e) => e.id)

const inSchema = async (schema: string, statement: string) => {
  const client = new pg.Client({ connectionString: POSTGRES_TEST_URL })
  await client.connect()
  try {
    await client.query(`SET search_path = "${schema}"`)
    await client.query(statement)
  } finally {
    await client.end()
  }
}

/** An append by a replica of a release without the repair: this cluster's transaction id, the next position. */
const appendedByOlderRelease = (schema: string, eventId: string) =>
  inSchema(
    schema,
    `INSERT INTO ik_events (event_id, stream_id, version, type, data, occurred_at, recorded_at, actor_id, command_id, command_seq, correlation_id, schema_version)
     VALUES ('${eventId}', 'incident-c', 1, 'incident.note_added', '{}', '2026-03-01T09:00:00.000Z', '2026-03-01T09:00:00.000Z', 'alice', '${eventId}', 0, '${eventId}', 1)`,
  )

describePostgres('a database restored from another cluster (Postgres)', () => {
  const schemas: string[] = []
  afterAll(() => dropSchemas(schemas))

  it('opens when onWarning throws at the warning of the renumbering, which is done', async () => {
    const schema = uniqueSchema('restored_warn')
    schemas.push(schema)
    const before = await createSqlEventStore({ url: POSTGRES_TEST_URL, schema })
    await before.appendToStream('incident-a', newTestBatch(2), { expectedVersion: NO_STREAM })
    await before.close()
    await restoreFromBusierCluster(schema)
    let warned = 0
    const restored = await createSqlEventStore({
      url: POSTGRES_TEST_URL,
      schema,
      onWarning: () => {
        warned++
        throw new Error('logger down')
      },
    })
    expect(warned).toBe(1)
    expect((await restored.readAll({ after: START, limit: 10 })).events).toHaveLength(2)
    await restored.close()
  })

  it('is renumbered in its old order at open, with stored checkpoints moved along, and then reads and follows as before', async () => {
    const schema = uniqueSchema('restored')
    schemas.push(schema)
    const [a1, b1, a2] = [newTestBatch(1), newTestBatch(1), newTestBatch(1)]
    const before = await createSqlEventStore({ url: POSTGRES_TEST_URL, schema })
    await before.appendToStream('incident-a', a1, { expectedVersion: NO_STREAM })
    await before.appendToStream('incident-b', b1, { expectedVersion: NO_STREAM })
    await before.appendToStream('incident-a', a2, { expectedVersion: 1 })
    await before.close()
    await restoreFromBusierCluster(schema)

    // The dump's order: b1, a2, then a1, whose transaction id is highest.
    const oldOrder = [...b1, ...a2, ...a1].map((e) => e.id)
    const afterB1 = async (store: Awaited<ReturnType<typeof createSqlEventStore>>) => (await store.readAll({ after: START, limit: 1 })).checkpoint
    const warnings: StoreWarning[] = []
    const restored = await createSqlEventStore({ url: POSTGRES_TEST_URL, schema, onWarning: (w) => warnings.push(w) })
    expect(warnings).toEqual([expect.objectContaining({ code: 'RESTORED_LOG_RENUMBERED', events: 3 })])
    expect(ids((await restored.readAll({ after: START, limit: 10 })).events)).toEqual(oldOrder)

    const fresh = newTestBatch(1)
    await restored.appendToStream('incident-b', fresh, { expectedVersion: 1 })
    expect(ids((await restored.readAll({ after: await afterB1(restored), limit: 10 })).events)).toEqual([...oldOrder.slice(1), fresh[0]!.id])
    await restored.close()

    const again: StoreWarning[] = []
    const reopened = await createSqlEventStore({ url: POSTGRES_TEST_URL, schema, onWarning: (w) => again.push(w) })
    expect(again).toEqual([])
    expect(ids((await reopened.readAll({ after: START, limit: 10 })).events)).toEqual([...oldOrder, fresh[0]!.id])
    await reopened.close()
  })

  it("moves each subscriber's checkpoint to the same event, so it goes on where it stopped, and drops projection states, which hold old positions", async () => {
    const schema = uniqueSchema('restored_cp')
    schemas.push(schema)
    const store = await createSqlEventStore({ url: POSTGRES_TEST_URL, schema })
    const batches = [newTestBatch(1), newTestBatch(1), newTestBatch(1)]
    for (const [i, batch] of batches.entries()) await store.appendToStream(`incident-${'ab'[i % 2]}`, batch, { expectedVersion: 'any' })
    const log = (await store.readAll({ after: START, limit: 10 })).events
    await store.checkpoints.save('notifier', log[0]!.position)
    await store.projectionStates.save({ name: 'panel', version: 1, checkpoint: log[1]!.position, state: { seen: 2 } })
    await store.close()
    await restoreFromBusierCluster(schema)

    const restored = await createSqlEventStore({ url: POSTGRES_TEST_URL, schema, onWarning: () => undefined })
    const stillLeft = async (checkpoint: string | undefined) => ids((await restored.readAll({ after: checkpoint ?? START, limit: 10 })).events)
    const order = await stillLeft(START)
    expect([...order].sort()).toEqual(ids(log).sort())
    const notifierAt = await restored.checkpoints.load('notifier')
    const after = (event: RecordedEvent) => order.slice(order.indexOf(event.id) + 1)
    expect(await stillLeft(notifierAt)).toEqual(after(log[0]!))
    expect(await restored.projectionStates.load('panel')).toBeUndefined()
    await restored.close()
  })

  it('puts events appended here before the repair after the restored ones, so subscribers stopped in the restored log still get them', async () => {
    const schema = uniqueSchema('restored_late')
    schemas.push(schema)
    const store = await createSqlEventStore({ url: POSTGRES_TEST_URL, schema })
    const restoredEvents = [newTestBatch(1), newTestBatch(1)]
    for (const batch of restoredEvents) await store.appendToStream('incident-a', batch, { expectedVersion: 'any' })
    const log = (await store.readAll({ after: START, limit: 10 })).events
    await store.checkpoints.save('notifier', log.at(-1)!.position)
    await store.close()
    await restoreFromBusierCluster(schema)
    await appendedByOlderRelease(schema, 'appended-after-restore')

    const restored = await createSqlEventStore({ url: POSTGRES_TEST_URL, schema, onWarning: () => undefined })
    // The dump's order puts the first event last (restoreFromBusierCluster); the later append follows them.
    const [first, second] = ids(log)
    expect(ids((await restored.readAll({ after: START, limit: 10 })).events)).toEqual([second, first, 'appended-after-restore'])
    const notifierAt = await restored.checkpoints.load('notifier')
    expect(ids((await restored.readAll({ after: notifierAt!, limit: 10 })).events)).toEqual([first, 'appended-after-restore'])
    await restored.close()
  })

  it('moves the position sequence past the last position when it is behind, as logical replication leaves it', async () => {
    const schema = uniqueSchema('restored_seq')
    schemas.push(schema)
    const store = await createSqlEventStore({ url: POSTGRES_TEST_URL, schema })
    await store.appendToStream('incident-a', newTestBatch(3), { expectedVersion: NO_STREAM })
    await store.close()
    await inSchema(schema, `SELECT setval(pg_get_serial_sequence('ik_events', 'position'), 1, false)`)

    const replicated = await createSqlEventStore({ url: POSTGRES_TEST_URL, schema })
    const next = await replicated.appendToStream('incident-b', newTestBatch(1), { expectedVersion: NO_STREAM })
    const log = (await replicated.readAll({ after: START, limit: 10 })).events
    expect(log.at(-1)!.id).toBe(next.events[0]!.id)
    expect(log).toHaveLength(4)
    await replicated.close()
  })
})
