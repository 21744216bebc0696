import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { ANY, type LogPosition } from '@incident-kit/core'
import { newTestBatch } from '@incident-kit/core/testing'
import { createSqlEventStore, type SqlEventStore } from '../sql-event-store.js'
import { temporaryDirectory } from '../testing/test-databases.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const files = temporaryDirectory('write-lock-wait')
afterAll(() => files.cleanup())

let fileCount = 0
const twoStores = async (busyTimeoutMs: number) => {
  const url = `sqlite:${files.file(`store-${fileCount++}.db`)}`
  const [a, b] = [await createSqlEventStore({ url, busyTimeoutMs }), await createSqlEventStore({ url, busyTimeoutMs })]
  const { events } = await b.appendToStream('incident-setup', newTestBatch(1), { expectedVersion: ANY })
  return { url, a, b, position: events[0]!.position, close: async () => Promise.all([a.close(), b.close()]) }
}

/** Every way a store writes on its own connection, outside a transaction it holds. */
const writes: Record<string, (store: SqlEventStore, position: LogPosition) => Promise<unknown>> = {
  append: (store) => store.appendToStream('incident-1', newTestBatch(2), { expectedVersion: ANY }),
  transact: (store, position) => store.transact((tx) => tx.saveCheckpoint('in-transaction', position)),
  'checkpoint save': (store, position) => store.checkpoints.save('notifier', position),
  'projection state save': (store, position) => store.projectionStates.save({ name: 'board', version: 1, checkpoint: position, state: { open: 1 } }),
  tryLock: async (store) => {
    const lock = await store.tryLock('notifier')
    await lock?.release()
    return lock
  },
}

/** Counts the event loop's turns while `work` runs: a write waiting inside SQLite's busy handler blocks them all. */
const countingTicks = async <T>(work: () => Promise<T>) => {
  let ticks = 0
  const timer = setInterval(() => ticks++, 5)
  try {
    const outcome = await work().then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    )
    return { ...outcome, ticks }
  } finally {
    clearInterval(timer)
  }
}

describe('SQLite: a write meeting another connection’s write lock waits without blocking the event loop', () => {
  for (const [kind, write] of Object.entries(writes)) {
    it(`${kind} of store B waits for store A's open transaction in the same process, which commits on time`, async () => {
      const { a, b, position, close } = await twoStores(2_000)
      const order: string[] = []
      let lockHeld!: () => void
      const holding = new Promise<void>((resolve) => (lockHeld = resolve))
      const started = Date.now()
      let timerFiredAfterMs = Number.NaN
      const transaction = a.transact(async (tx) => {
        await tx.saveCheckpoint('holder', position)
        lockHeld()
        await sleep(50)
        timerFiredAfterMs = Date.now() - started
        order.push('A timer')
        return 'A committed'
      })
      await holding
      // Reads run on a connection of their own and never wait for the writer (WAL).
      expect(await b.readStream('incident-setup')).toHaveLength(1)
      expect(order).toEqual([])

      await write(b, position).then(() => order.push(`B ${kind}`))
      expect(await transaction).toBe('A committed')
      expect(order).toEqual(['A timer', `B ${kind}`])
      // Generous: with the fix A's 50 ms timer fires at about 50 ms; without it, after B's 2 s busy wait.
      expect(timerFiredAfterMs).toBeLessThan(1_000)
      expect(await a.checkpoints.load('holder')).toBe(position)
      await close()
    })
  }

  it("store B's writes issued while one of them waits keep their order", async () => {
    const { a, b, close } = await twoStores(2_000)
    let lockHeld!: () => void
    const holding = new Promise<void>((resolve) => (lockHeld = resolve))
    const transaction = a.transact(async () => {
      lockHeld()
      await sleep(30)
    })
    await holding
    const appends = [1, 2, 3].map(() => b.appendToStream('incident-ordered', newTestBatch(1), { expectedVersion: ANY }))
    const results = await Promise.all(appends)
    await transaction
    expect(results.map((r) => r.events[0]!.version)).toEqual([1, 2, 3])
    await close()
  })

  const holders: Record<string, (url: string, a: SqlEventStore) => { release: () => Promise<unknown> }> = {
    'another process (a second connection)': (url) => {
      const other = new Database(url.slice('sqlite:'.length))
      other.prepare('BEGIN IMMEDIATE').run()
      return {
        release: async () => {
          other.prepare('ROLLBACK').run()
          other.close()
        },
      }
    },
    "store A's transaction in the same process": (_url, a) => {
      let finish!: () => void
      const transaction = a.transact(() => new Promise<void>((resolve) => (finish = resolve)))
      return {
        release: async () => {
          finish()
          await transaction
        },
      }
    },
  }

  for (const [holderName, hold] of Object.entries(holders)) {
    for (const [kind, write] of Object.entries(writes)) {
      it(`${kind} fails with SQLITE_BUSY "database is locked" once busyTimeoutMs has passed, the lock held by ${holderName}`, async () => {
        const { url, a, b, position, close } = await twoStores(150)
        const holder = hold(url, a)
        const started = Date.now()
        const outcome = await countingTicks(() => write(b, position))
        const waitedMs = Date.now() - started
        expect(outcome).toMatchObject({ error: { code: 'SQLITE_BUSY', message: 'database is locked' } })
        expect(waitedMs).toBeGreaterThanOrEqual(100)
        expect(waitedMs).toBeLessThan(1_500)
        // The event loop ran while B waited (a 5 ms interval; the wait is 150 ms).
        expect(outcome.ticks).toBeGreaterThanOrEqual(3)
        await holder.release()
        // Free again: the same write goes through.
        await write(b, position)
        await close()
      })
    }
  }
})
