import { describe, expect, it } from 'vitest'
import { createInMemoryEventStore } from '../in-memory/in-memory-event-store.js'
import { newTestBatch } from '../testing/event-fixtures.js'
import { START, type RecordedEvent } from '../events/envelope.js'
import { NO_STREAM } from './event-store.js'
import { readLogPages, readWholeLog } from './read-log-pages.js'
import type { ReadAllOptions } from './event-store.js'

const storeWith = async (events: number) => {
  const store = createInMemoryEventStore()
  for (let i = 0; i < events; i++) await store.appendToStream(`incident-${i}`, newTestBatch(1), { expectedVersion: NO_STREAM })
  const reads: ReadAllOptions[] = []
  const counted = { readAll: (options: ReadAllOptions) => (reads.push(options), store.readAll(options)) }
  return { store, counted, reads }
}

const collect = async <T>(pages: AsyncIterable<T>) => {
  const all: T[] = []
  for await (const page of pages) all.push(page)
  return all
}

describe('readLogPages', () => {
  it('reads the log in pages, each with the checkpoint after it, and stops at an empty page', async () => {
    const { store, counted, reads } = await storeWith(7)
    const pages = await collect(readLogPages(counted, { pageSize: 3 }))
    expect(pages.map((p) => p.events.length)).toEqual([3, 3, 1])
    expect(pages.map((p) => p.checkpoint)).toEqual(pages.map((p) => p.events.at(-1)!.position))
    expect(reads).toHaveLength(4)
    expect(pages.flatMap((p) => p.events)).toEqual(await readWholeLog(store))
  })

  it('reads on after a short page: a store may return one while it holds rows back (Postgres, behind an open transaction)', async () => {
    const { store } = await storeWith(5)
    const whole = await readWholeLog(store)
    let first = true
    // The first read gives only two of its page's events, as a page cut short by held-back rows.
    const holdingBack = {
      readAll: async (options: ReadAllOptions) => {
        const page = await store.readAll(options)
        if (!first) return page
        first = false
        return { events: page.events.slice(0, 2), checkpoint: page.events[1]!.position }
      },
    }
    const pages = await collect(readLogPages(holdingBack, { pageSize: 4 }))
    expect(pages.flatMap((p) => p.events)).toEqual(whole)
  })

  it('starts after a given checkpoint and confirms the end of a log that fills its last page with one empty read', async () => {
    const { store, counted, reads } = await storeWith(6)
    const whole = await readWholeLog(store)
    const pages = await collect(readLogPages(counted, { after: whole[1]!.position, pageSize: 2 }))
    expect(pages.flatMap((p) => p.events)).toEqual(whole.slice(2))
    expect(reads).toHaveLength(3)
  })
})

describe('readWholeLog', () => {
  it('reads a page of 200,000 events (more than a call takes as arguments)', async () => {
    const size = 200_000
    const event = { type: 'incident.note_added', position: String(size) } as RecordedEvent
    const page = Array.from({ length: size }, () => event)
    const oneBigPage = { readAll: async ({ after }: ReadAllOptions) => (after === START ? { events: page, checkpoint: String(size) } : { events: [], checkpoint: after }) }
    const events = await readWholeLog(oneBigPage, size)
    expect(events).toHaveLength(size)
  })
})
