import { expect, it } from 'vitest'
import { NO_STREAM } from '@incident-kit/core'
import { eventually, newTestBatch } from '@incident-kit/core/testing'
import { createSqlEventStore, type SqlEventStore, type SqlTransaction } from '../sql-event-store.js'
import { NESTED_TRANSACTION } from '../sqlite/write-gate.js'
import { describeEachDatabase } from '../testing/test-databases.js'

const snapshot = { name: 'side-panel', version: 1, checkpoint: 'p7', state: { count: 2 } }

/** A `transact` held open after `work` until `end` is called: it then commits, or rolls back with the error given. */
const holdTransaction = (store: SqlEventStore, work: (tx: SqlTransaction) => Promise<void> = async () => undefined) => {
  let entered: () => void = () => undefined
  const inside = new Promise<void>((resolve) => {
    entered = resolve
  })
  let end: (error?: Error) => void = () => undefined
  const ending = new Promise<Error | undefined>((resolve) => {
    end = resolve
  })
  const done = store.transact(async (tx) => {
    await work(tx)
    entered()
    const error = await ending
    if (error) throw error
  })
  return { inside, end, done }
}

describeEachDatabase('store writes while a transaction is open', (fresh) => {
  it('keeps a checkpoint and a projection state saved beside a transaction that then rolls back', async () => {
    const store = await createSqlEventStore(fresh())
    const open = holdTransaction(store, (tx) => tx.saveCheckpoint('in-transaction', 'p0'))
    await open.inside
    const saves = Promise.all([store.checkpoints.save('notifier', 'p1'), store.projectionStates.save(snapshot)])
    open.end(new Error('handler failed'))
    await expect(open.done).rejects.toThrow('handler failed')
    await saves
    expect(await store.checkpoints.load('notifier')).toBe('p1')
    expect(await store.projectionStates.load('side-panel')).toEqual(snapshot)
    expect(await store.checkpoints.load('in-transaction')).toBeUndefined()
    await store.close()
  })

  it('reads, from elsewhere, only what the transaction has committed: nothing while it is open or after it rolls back', async () => {
    const store = await createSqlEventStore(fresh())
    await store.checkpoints.save('projector', 'p1')
    const saving = (checkpoint: string) => async (tx: SqlTransaction) => {
      await tx.saveCheckpoint('projector', checkpoint)
      await tx.saveProjectionState({ ...snapshot, checkpoint })
    }
    const rolledBack = holdTransaction(store, saving('p2'))
    await rolledBack.inside
    expect(await store.checkpoints.load('projector')).toBe('p1')
    expect(await store.projectionStates.load('side-panel')).toBeUndefined()
    rolledBack.end(new Error('handler failed'))
    await expect(rolledBack.done).rejects.toThrow('handler failed')
    const committed = holdTransaction(store, saving('p3'))
    await committed.inside
    expect(await store.checkpoints.load('projector')).toBe('p1')
    committed.end()
    await committed.done
    expect(await store.checkpoints.load('projector')).toBe('p3')
    expect(await store.projectionStates.load('side-panel')).toEqual({ ...snapshot, checkpoint: 'p3' })
    await store.close()
  })

  it('lets an append from elsewhere in the process go on (SQLite: once the transaction ends)', async () => {
    const database = fresh()
    const store = await createSqlEventStore(database)
    const open = holdTransaction(store)
    await open.inside
    let settled = false
    const append = store.appendToStream('incident-a', newTestBatch(2), { expectedVersion: NO_STREAM }).finally(() => {
      settled = true
    })
    if (database.dialect === 'postgres') {
      // Another connection of the pool.
      await append
    } else {
      // The process's one writing connection is in the transaction.
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(settled).toBe(false)
    }
    open.end()
    await open.done
    expect((await append).events).toHaveLength(2)
    await store.close()
  })

  it('refuses an append from inside the transaction at once on SQLite, instead of waiting for itself forever', async () => {
    const database = fresh()
    const store = await createSqlEventStore(database)
    const outcome = store.transact(async (tx) => {
      await tx.saveCheckpoint('view', 'p1')
      await store.appendToStream('incident-a', newTestBatch(1), { expectedVersion: NO_STREAM })
    })
    if (database.dialect === 'sqlite') {
      await expect(outcome).rejects.toMatchObject({ code: NESTED_TRANSACTION })
      expect(await store.checkpoints.load('view')).toBeUndefined()
      expect(await store.readStream('incident-a')).toEqual([])
    } else {
      // The append commits on a connection of its own, whatever becomes of the transaction.
      await outcome
      expect(await store.readStream('incident-a')).toHaveLength(1)
    }
    await store.appendToStream('incident-b', newTestBatch(2), { expectedVersion: NO_STREAM })
    expect(await store.readStream('incident-b')).toHaveLength(2)
    await store.close()
  })

  it('refuses every other store write from inside the transaction on SQLite: saves, locks, transactions', async () => {
    const database = fresh()
    const store = await createSqlEventStore(database)
    const outcomes = await store.transact(async () =>
      Promise.allSettled([
        store.checkpoints.save('notifier', 'p1'),
        store.projectionStates.save(snapshot),
        store.tryLock('notifier').then((lock) => lock?.release()),
        store.transact(async () => undefined),
      ]),
    )
    if (database.dialect === 'sqlite') {
      for (const outcome of outcomes) expect(outcome).toMatchObject({ status: 'rejected', reason: { code: NESTED_TRANSACTION } })
    } else {
      for (const outcome of outcomes) expect(outcome.status).toBe('fulfilled')
    }
    await store.close()
  })

  it('stops an exactly-once subscription whose handler appends with that error on SQLite, leaving no checkpoint', async () => {
    const database = fresh()
    const store = await createSqlEventStore({ ...database, pollIntervalMs: 20 })
    await store.appendToStream('incident-a', newTestBatch(1), { expectedVersion: NO_STREAM })
    const subscription = store.subscribeExactlyOnce({
      subscriber: 'echo',
      handler: async (events) => {
        for (const event of events) {
          if (event.streamId === 'incident-a') await store.appendToStream('echo', newTestBatch(1), { expectedVersion: 'any' })
        }
      },
    })
    if (database.dialect === 'sqlite') {
      await expect(subscription.closed).rejects.toMatchObject({ code: NESTED_TRANSACTION })
      expect(await store.checkpoints.load('echo')).toBeUndefined()
    } else {
      await eventually(async () => (await store.checkpoints.load('echo')) !== undefined)
      await subscription.close()
      expect(await store.readStream('echo')).toHaveLength(1)
    }
    await store.close()
  })
})
