import { expect, it } from 'vitest'
import { NO_STREAM, STREAM_EXISTS } from '@incident-kit/core'
import { newTestBatch } from '@incident-kit/core/testing'
import { createSqlEventStore } from './sql-event-store.js'
import { describeEachDatabase } from './testing/test-databases.js'

const ids = (events: readonly { id: string }[]) => events.map((event) => event.id)

describeEachDatabase('stream cache', (fresh) => {
  it('a process with the stream cached reads what another process appended since', async () => {
    const database = fresh()
    const [reader, writer] = [await createSqlEventStore(database), await createSqlEventStore(database)]
    const uncached = await createSqlEventStore({ ...database, streamCacheEvents: 0 })
    await writer.appendToStream('incident-1', newTestBatch(3), { expectedVersion: NO_STREAM })
    expect(await reader.readStream('incident-1')).toHaveLength(3)

    const appended = await writer.appendToStream('incident-1', newTestBatch(2), { expectedVersion: STREAM_EXISTS })
    const read = await reader.readStream('incident-1')
    expect(read.map((event) => event.version)).toEqual([1, 2, 3, 4, 5])
    expect(ids(read.slice(3))).toEqual(ids(appended.events))
    expect(read).toEqual(await uncached.readStream('incident-1'))
    expect(await reader.readStream('incident-1', { fromVersion: 2, toVersion: 4 })).toEqual(await uncached.readStream('incident-1', { fromVersion: 2, toVersion: 4 }))
    await Promise.all([reader, writer, uncached].map((store) => store.close()))
  })

  it('an exact expected version taken from a cached read still loses to an append made meanwhile', async () => {
    const database = fresh()
    const [reader, writer] = [await createSqlEventStore(database), await createSqlEventStore(database)]
    await reader.appendToStream('incident-1', newTestBatch(2), { expectedVersion: NO_STREAM })
    const seen = (await reader.readStream('incident-1')).length
    await writer.appendToStream('incident-1', newTestBatch(1), { expectedVersion: seen })
    await expect(reader.appendToStream('incident-1', newTestBatch(1), { expectedVersion: seen })).rejects.toMatchObject({ expected: seen, actual: 3 })
    expect((await reader.readStream('incident-1')).length).toBe(3)
    await Promise.all([reader, writer].map((store) => store.close()))
  })
})
