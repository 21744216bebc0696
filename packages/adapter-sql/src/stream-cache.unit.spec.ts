import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ANY, createInMemoryEventStore, type ReadStreamOptions } from '@incident-kit/core'
import { newTestBatch } from '@incident-kit/core/testing'
import { cachedReadStream } from './stream-cache.js'

/** An in-memory store standing in for the database, with every read it answers written down. */
const database = () => {
  const store = createInMemoryEventStore()
  const reads: { streamId: string; options: ReadStreamOptions | undefined }[] = []
  return {
    store,
    reads,
    append: (streamId: string, count: number) => store.appendToStream(streamId, newTestBatch(count), { expectedVersion: ANY }),
    readStream: (streamId: string, options?: ReadStreamOptions) => {
      reads.push({ streamId, options })
      return store.readStream(streamId, options)
    },
  }
}

const versions = (events: readonly { version: number }[]) => events.map((event) => event.version)

describe('cachedReadStream', () => {
  it('reads a stream again by asking only for the versions after the cached ones', async () => {
    const db = database()
    const read = cachedReadStream(db.readStream, 100)
    await db.append('incident-1', 3)
    expect(versions(await read('incident-1'))).toEqual([1, 2, 3])
    await db.append('incident-1', 2)
    expect(versions(await read('incident-1'))).toEqual([1, 2, 3, 4, 5])
    expect(db.reads.map((r) => r.options?.fromVersion)).toEqual([1, 4])
    expect(await read('incident-1')).toEqual(await db.store.readStream('incident-1'))
  })

  it('answers a read that ends inside the cached versions without asking the database', async () => {
    const db = database()
    const read = cachedReadStream(db.readStream, 100)
    await db.append('incident-1', 5)
    await read('incident-1')
    expect(versions(await read('incident-1', { fromVersion: 2, toVersion: 4 }))).toEqual([2, 3, 4])
    expect(versions(await read('incident-1', { toVersion: 5 }))).toEqual([1, 2, 3, 4, 5])
    expect(db.reads).toHaveLength(1)
  })

  it('sends a read that starts after the cached versions to the database, and caches nothing for it', async () => {
    const db = database()
    const read = cachedReadStream(db.readStream, 100)
    await db.append('incident-1', 5)
    expect(versions(await read('incident-1', { fromVersion: 3 }))).toEqual([3, 4, 5])
    expect(versions(await read('incident-1', { fromVersion: 3 }))).toEqual([3, 4, 5])
    expect(db.reads.map((r) => r.options?.fromVersion)).toEqual([3, 3])
  })

  it('holds at most maxEvents events, dropping the least recently read stream first', async () => {
    const db = database()
    const read = cachedReadStream(db.readStream, 10)
    for (const stream of ['a', 'b', 'c']) await db.append(stream, 4)
    await read('a')
    await read('b')
    await read('a') // a is now more recent than b
    await read('c') // 12 events: b goes
    db.reads.length = 0
    await read('a', { toVersion: 4 })
    await read('c', { toVersion: 4 })
    await read('b', { toVersion: 4 })
    expect(db.reads.map((r) => r.streamId)).toEqual(['b'])
  })

  it('does not cache a stream longer than maxEvents', async () => {
    const db = database()
    const read = cachedReadStream(db.readStream, 3)
    await db.append('a', 4)
    await read('a')
    await read('a', { toVersion: 2 })
    expect(db.reads.map((r) => r.options?.fromVersion)).toEqual([1, 1])
  })

  it('reads every time from the database when maxEvents is 0', async () => {
    const db = database()
    const read = cachedReadStream(db.readStream, 0)
    await db.append('a', 2)
    await read('a')
    await read('a')
    expect(db.reads.map((r) => r.options?.fromVersion)).toEqual([undefined, undefined])
  })

  it('shares frozen events: a reader cannot change what the next reader gets', async () => {
    const db = database()
    const read = cachedReadStream(db.readStream, 100)
    await db.append('a', 1)
    const [event] = await read('a')
    expect(() => {
      ;(event!.data as Record<string, unknown>)['note'] = 'changed'
    }).toThrow(TypeError)
    expect(Object.isFrozen(event)).toBe(true)
    expect(await read('a')).toEqual(await db.store.readStream('a'))
  })

  it('starts over when the database no longer continues the cached versions (a row deleted by hand)', async () => {
    const db = database()
    await db.append('a', 5)
    let rows = await db.store.readStream('a')
    const read = cachedReadStream(async (_, { fromVersion = 1, toVersion = Infinity } = {}) => rows.filter((e) => e.version >= fromVersion && e.version <= toVersion), 100)
    await read('a', { toVersion: 2 })
    rows = rows.filter((event) => event.version !== 3)
    expect(versions(await read('a'))).toEqual([1, 2, 4, 5])
    expect(versions(await read('a', { toVersion: 4 }))).toEqual([1, 2, 4])
  })

  it('returns what the database returns, for any appends and reads (property)', async () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('append' as const), stream: fc.integer({ min: 0, max: 1 }), count: fc.integer({ min: 1, max: 4 }) }),
      fc.record({
        kind: fc.constant('read' as const),
        stream: fc.integer({ min: 0, max: 1 }),
        // The bounds every store accepts (`assertReadStreamOptions`): whole numbers from 0.
        fromVersion: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
        toVersion: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
      }),
    )
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 20 }), fc.array(op, { minLength: 10, maxLength: 40 }), async (maxEvents, ops) => {
        const db = database()
        const read = cachedReadStream(db.readStream, maxEvents)
        for (const o of ops) {
          if (o.kind === 'append') {
            await db.append(`s${o.stream}`, o.count)
            continue
          }
          const options = { ...(o.fromVersion === undefined ? {} : { fromVersion: o.fromVersion }), ...(o.toVersion === undefined ? {} : { toVersion: o.toVersion }) }
          expect(await read(`s${o.stream}`, options)).toEqual(await db.store.readStream(`s${o.stream}`, options))
        }
      }),
      { numRuns: 200 },
    )
  })
})
