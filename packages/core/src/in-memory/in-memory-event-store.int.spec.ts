import { describe, expect, it } from 'vitest'
import { newTestEvent, recordedTestEvent } from '../testing/event-fixtures.js'
import { eventStoreContract } from '../testing/event-store-contract.js'
import { createInMemoryEventStore } from './in-memory-event-store.js'

eventStoreContract('in-memory', { createStore: () => createInMemoryEventStore() })

describe('in-memory store started from initial events', () => {
  it('continues a stream that starts above version 1 (a log exported with --since) after its last version', async () => {
    const exportedSince = [3, 4].map((version) => ({ ...recordedTestEvent('incident.note_added', { text: 'n' }), id: `e${version}`, commandId: `c${version}`, version }))
    const store = createInMemoryEventStore({ initialEvents: exportedSince })
    const result = await store.appendToStream('incident-i1', [newTestEvent()], { expectedVersion: 4 })
    expect(result.events.map((e) => e.version)).toEqual([5])
    expect(result.nextVersion).toBe(5)
  })
})

describe('in-memory store keeps its own copy of the log', () => {
  const appended = async () => {
    const store = createInMemoryEventStore()
    const data = { text: 'first', tags: ['a'] }
    const event = newTestEvent({ data })
    const result = await store.appendToStream('incident-i1', [event], { expectedVersion: 'no_stream' })
    return { store, data, event, result }
  }

  it('is not changed by the caller changing the data it appended', async () => {
    const { store, data } = await appended()
    data.text = 'rewritten\u0000'
    data.tags.push('b')
    const [stored] = await store.readStream('incident-i1')
    expect(stored!.data).toEqual({ text: 'first', tags: ['a'] })
    expect((await store.readAll({ after: '', limit: 10 })).events[0]!.data).toEqual({ text: 'first', tags: ['a'] })
  })

  it('hands out events that cannot be changed, from every read and the append itself', async () => {
    const { store, event, result } = await appended()
    const handedOut = [
      result.events[0]!,
      (await store.readStream('incident-i1'))[0]!,
      (await store.readAll({ after: '', limit: 10 })).events[0]!,
      (await store.readByCommandId(event.commandId))[0]!,
      (await store.appendToStream('incident-i1', [newTestEvent({ commandId: event.commandId })], { expectedVersion: 1 })).events[0]!,
    ]
    for (const read of handedOut) {
      const data = read.data as { text: string; tags: string[] }
      expect(() => (data.text = 'changed')).toThrow(TypeError)
      expect(() => data.tags.push('b')).toThrow(TypeError)
      expect(() => ((read as { version: number }).version = 9)).toThrow(TypeError)
    }
    ;((await store.readByCommandId(event.commandId)) as unknown[]).push('not an event')
    expect(await store.readByCommandId(event.commandId)).toHaveLength(1)
    expect((await store.readStream('incident-i1'))[0]).toMatchObject({ version: 1, data: { text: 'first', tags: ['a'] } })
  })

  it('keeps a copy of the initial events it is given', async () => {
    const imported = recordedTestEvent('incident.note_added', { text: 'imported' })
    const store = createInMemoryEventStore({ initialEvents: [imported] })
    ;(imported.data as { text: string }).text = 'rewritten'
    expect((await store.readStream('incident-i1'))[0]!.data).toEqual({ text: 'imported' })
  })
})
