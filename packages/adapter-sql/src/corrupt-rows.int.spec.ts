import { expect, it } from 'vitest'
import { CORRUPT_EVENT, NO_STREAM, START } from '@incident-kit/core'
import { newTestBatch } from '@incident-kit/core/testing'
import { createSqlEventStore } from './sql-event-store.js'
import { TABLE } from './schema/tables.js'
import { describeEachDatabase } from './testing/test-databases.js'

const rejection = async (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as { code?: string; streamId?: string; version?: number; message: string },
  )

describeEachDatabase('corrupt rows', (fresh) => {
  it('names the stream and version of a row that cannot be read, and keeps the rest readable', async () => {
    const database = fresh()
    const store = await createSqlEventStore(database)
    const [broken, healthy] = ['incident-broken', 'incident-healthy']
    await store.appendToStream(broken, newTestBatch(3), { expectedVersion: NO_STREAM })
    await store.appendToStream(healthy, newTestBatch(2), { expectedVersion: NO_STREAM })
    await store.transact((tx) =>
      tx.db.updateTable(TABLE.events).set({ occurred_at: 'last tuesday' }).where('stream_id', '=', broken).where('version', '=', 2).execute(),
    )

    const error = await rejection(store.readStream(broken))
    expect(error).toMatchObject({ code: CORRUPT_EVENT, streamId: broken, version: 2 })
    expect(error?.message).toContain('last tuesday')
    expect((await store.readStream(healthy)).map((e) => e.version)).toEqual([1, 2])
    expect((await store.readStream(broken, { fromVersion: 3 })).map((e) => e.version)).toEqual([3])
    expect(await rejection(store.readAll({ after: START, limit: 100 }))).toMatchObject({ code: CORRUPT_EVENT, streamId: broken, version: 2 })
    await store.close()
  })

  it('reports JSON that does not parse (only SQLite can hold it: Postgres stores jsonb)', async () => {
    const database = fresh()
    const store = await createSqlEventStore(database)
    await store.appendToStream('incident-json', newTestBatch(2), { expectedVersion: NO_STREAM })
    if (database.dialect === 'postgres') {
      const write = store.transact((tx) => tx.db.updateTable(TABLE.events).set({ data: '{"unclosed' }).where('stream_id', '=', 'incident-json').execute())
      await expect(write).rejects.toThrow(/json/i)
      expect(await store.readStream('incident-json')).toHaveLength(2)
    } else {
      await store.transact((tx) => tx.db.updateTable(TABLE.events).set({ data: '{"unclosed' }).where('version', '=', 1).execute())
      const error = await rejection(store.readStream('incident-json'))
      expect(error).toMatchObject({ code: CORRUPT_EVENT, streamId: 'incident-json', version: 1 })
      expect(error?.message).toMatch(/not valid JSON/)
      expect((await store.readStream('incident-json', { fromVersion: 2 })).map((e) => e.version)).toEqual([2])
    }
    await store.close()
  })
})
