import pg from 'pg'
import { expect, it } from 'vitest'
import { NO_STREAM, START, type RecordedEvent } from '@incident-kit/core'
import { eventually, newTestBatch } from '@incident-kit/core/testing'
import { createSqlEventStore, type SqlEventStore } from '../sql-event-store.js'
import { TABLE } from '../schema/tables.js'
import { describeEachDatabase, POSTGRES_TEST_URL } from '../testing/test-databases.js'

const VIEW = 'test_seen_events'

/** Cuts the connection holding a store's advisory lock, as a Postgres restart or failover would. */
const terminateAdvisoryLockHolder = async (schema: string, name: string) => {
  const admin = new pg.Client({ connectionString: POSTGRES_TEST_URL })
  await admin.connect()
  try {
    // pg_locks shows the lock's two int4 keys as unsigned oids.
    const unsigned = (param: string) => `((hashtext(${param})::bigint + 4294967296) % 4294967296)`
    const { rowCount } = await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted
       AND classid::bigint = ${unsigned('$1')} AND objid::bigint = ${unsigned('$2')}`,
      [schema, name],
    )
    expect(rowCount).toBe(1)
  } finally {
    await admin.end()
  }
}


const createView = (store: SqlEventStore) =>
  store.transact((tx) =>
    tx.db.schema.createTable(VIEW).ifNotExists().addColumn('event_id', 'text', (c) => c.primaryKey()).execute(),
  )

const viewIds = (store: SqlEventStore) =>
  store.transact(async (tx) => (await tx.db.selectFrom(VIEW).select('event_id').execute()).map((row: { event_id: string }) => row.event_id))

/** Resolves once `predicate` holds for what a handler has collected. */
const collector = () => {
  const seen: RecordedEvent[] = []
  let check: () => void = () => undefined
  return {
    seen,
    push: (events: readonly RecordedEvent[]) => {
      seen.push(...events)
      check()
    },
    until: (count: number) =>
      new Promise<void>((resolve) => {
        check = () => seen.length >= count && resolve()
        check()
      }),
  }
}

describeEachDatabase('subscriber state', (fresh) => {
  it('stores checkpoints (and lists them) and projection snapshots per name', async () => {
    const store = await createSqlEventStore(fresh())
    expect(await store.checkpoints.load('notifier')).toBeUndefined()
    await store.checkpoints.save('notifier', 'p1')
    await store.checkpoints.save('notifier', 'p2')
    await store.checkpoints.save('reminders', 'p9')
    expect(await store.checkpoints.load('notifier')).toBe('p2')
    expect(await store.checkpoints.load('reminders')).toBe('p9')
    expect([...(await store.checkpoints.list())]).toEqual([
      ['notifier', 'p2'],
      ['reminders', 'p9'],
    ])
    const snapshot = { name: 'side-panel', version: 3, checkpoint: 'p7', state: { teams: { t1: ['i1', 'i2'] }, count: 2 } }
    await store.projectionStates.save(snapshot)
    expect(await store.projectionStates.load('side-panel')).toEqual(snapshot)
    await store.projectionStates.save({ ...snapshot, version: 4, state: { teams: {}, count: 0 } })
    expect(await store.projectionStates.load('side-panel')).toMatchObject({ version: 4, state: { count: 0 } })
    expect(await store.projectionStates.load('unknown')).toBeUndefined()
    await store.close()
  })

  it('exactly once: a failed batch rolls back the view and the checkpoint together, and a restart resumes', async () => {
    const database = fresh()
    const store = await createSqlEventStore(database)
    await createView(store)
    const first = newTestBatch(3)
    await store.appendToStream('incident-a', first, { expectedVersion: NO_STREAM })
    let failOn: string | undefined = first[1]!.id
    const run = () =>
      store.subscribeExactlyOnce({
        subscriber: 'view',
        batchSize: 10,
        handler: async (events, tx) => {
          for (const event of events) {
            await tx.db.insertInto(VIEW).values({ event_id: event.id }).execute()
            if (event.id === failOn) throw new Error('view write failed')
          }
        },
      })
    const failing = run()
    await expect(failing.closed).rejects.toThrow('view write failed')
    expect(await viewIds(store)).toEqual([])
    expect(await store.checkpoints.load('view')).toBeUndefined()

    failOn = undefined
    const second = newTestBatch(2)
    await store.appendToStream('incident-a', second, { expectedVersion: 3 })
    const resumed = run()
    const everything = [...first, ...second].map((e) => e.id)
    while ((await viewIds(store)).length < everything.length) await new Promise((resolve) => setTimeout(resolve, 10))
    await resumed.close()
    expect((await viewIds(store)).sort()).toEqual([...everything].sort())
    expect(await store.checkpoints.load('view')).toBe((await store.readStream('incident-a')).at(-1)!.position)
    await store.close()
  })

  it('at least once: the checkpoint follows the handler, and a new run starts after it', async () => {
    const store = await createSqlEventStore(fresh())
    const batch = newTestBatch(4)
    await store.appendToStream('incident-b', batch, { expectedVersion: NO_STREAM })
    const first = collector()
    const subscription = store.subscribeAtLeastOnce({ subscriber: 'notifier', batchSize: 2, handler: first.push })
    await first.until(4)
    await subscription.close()
    expect(first.seen.map((e) => e.id)).toEqual(batch.map((e) => e.id))
    const more = newTestBatch(1)
    await store.appendToStream('incident-b', more, { expectedVersion: 4 })
    const second = collector()
    const again = store.subscribeAtLeastOnce({ subscriber: 'notifier', handler: second.push })
    await second.until(1)
    await again.close()
    expect(second.seen.map((e) => e.id)).toEqual(more.map((e) => e.id))
    await store.close()
  })

  it('wakes a subscription for appends made through another connection', async () => {
    const database = fresh()
    // A long poll interval on Postgres: only LISTEN/NOTIFY can deliver in time. SQLite polls.
    const reader = await createSqlEventStore({ ...database, pollIntervalMs: database.dialect === 'postgres' ? 60_000 : 20 })
    const writer = await createSqlEventStore(database)
    const seen = collector()
    const subscription = reader.subscribe({ after: START, handler: seen.push })
    const batch = newTestBatch(2)
    await new Promise((resolve) => setTimeout(resolve, 100))
    await writer.appendToStream('incident-c', batch, { expectedVersion: NO_STREAM })
    await seen.until(2)
    await subscription.close()
    expect(seen.seen.map((e) => e.id)).toEqual(batch.map((e) => e.id))
    await writer.close()
    await reader.close()
  })

  it('tryLock: one holder at a time across connections, free again after release', async () => {
    const database = fresh()
    const [a, b] = [await createSqlEventStore(database), await createSqlEventStore(database)]
    const held = await a.tryLock('notifier')
    expect(held).toBeDefined()
    expect(await b.tryLock('notifier')).toBeUndefined()
    expect(await a.tryLock('notifier')).toBeUndefined()
    const other = await b.tryLock('reminders')
    expect(other).toBeDefined()
    await held!.release()
    const taken = await b.tryLock('notifier')
    expect(taken).toBeDefined()
    await taken!.release()
    await other!.release()
    await a.close()
    await b.close()
  })

  it('tryLock: a holder that dies lets the lock pass on (SQLite: its lease expires; Postgres: its connection ends)', async () => {
    const database = fresh()
    const contender = await createSqlEventStore(database)
    if (database.dialect === 'sqlite') {
      const leaseOf = (expiresAt: number) =>
        contender.transact((tx) =>
          tx.db
            .insertInto(TABLE.locks)
            .values({ name: 'reminders', owner: 'a-dead-process', expires_at: expiresAt })
            .onConflict((oc) => oc.column('name').doUpdateSet({ owner: 'a-dead-process', expires_at: expiresAt }))
            .execute(),
        )
      await leaseOf(Date.now() + 60_000)
      expect(await contender.tryLock('reminders')).toBeUndefined()
      await leaseOf(Date.now() - 1)
    } else {
      const holder = await createSqlEventStore(database)
      expect(await holder.tryLock('reminders')).toBeDefined()
      expect(await contender.tryLock('reminders')).toBeUndefined()
      await holder.close()
    }
    const next = await contender.tryLock('reminders')
    expect(next).toBeDefined()
    await next!.release()
    await contender.close()
  })

  it('tryLock: a holder learns that it lost its lock (Postgres: its connection was cut; SQLite: its lease was taken)', async () => {
    const database = fresh()
    const holder = await createSqlEventStore({ ...database, lockLeaseMs: 300 })
    const contender = await createSqlEventStore(database)
    const held = (await holder.tryLock('notifier'))!
    const kept = (await holder.tryLock('reminders'))!
    let keptLost = false
    void kept.lost.then(() => (keptLost = true))
    if (database.dialect === 'sqlite') {
      // Another process took the lease, as it may once this one failed to renew it in time.
      await contender.transact((tx) => tx.db.updateTable(TABLE.locks).set({ owner: 'another-process' }).where('name', '=', 'notifier').execute())
    } else {
      await terminateAdvisoryLockHolder(database.schema!, 'notifier')
      const taken = await eventually(() => contender.tryLock('notifier'))
      await taken.release()
    }
    await held.lost
    // Several heartbeats later, the other lock is still held.
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(keptLost).toBe(false)
    expect(await contender.tryLock('reminders')).toBeUndefined()
    await holder.close()
    await contender.close()
  })
})
