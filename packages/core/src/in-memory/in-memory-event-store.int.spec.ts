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
