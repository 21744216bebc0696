import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { DomainEvent } from '../events/catalogue.js'
import { createInMemoryEventStore } from '../in-memory/in-memory-event-store.js'
import { manualClock } from '../ports/clock.js'
import { sequentialIds } from '../ports/id-generator.js'
import { createCommandHandler } from './command-handler.js'
import { appendableData } from './appendable-data.js'

describe('decided events that must not be appended', () => {
  it('names the field of data that does not fit its event type', () => {
    const broken = { type: 'checklist.item_assigned', data: { assigneeId: 'bob' } } as unknown as DomainEvent
    expect(appendableData([broken])).toMatchObject(E.left({ _tag: 'InvalidCommand', field: 'itemId' }))
  })

  it('refuses data missing an array field its encoder maps over, instead of throwing from the encoder', () => {
    const broken = { type: 'incident.started', data: { name: 'x' } } as unknown as DomainEvent
    expect(appendableData([broken])).toMatchObject(E.left({ _tag: 'InvalidCommand' }))
  })

  it.each([
    ['a NUL character', 'a\u0000b', /NUL/],
    ['a lone surrogate', 'a\uD800b', /surrogate/],
  ])('refuses a note with %s as InvalidCommand naming the field, and appends nothing', async (_, text, message) => {
    const store = createInMemoryEventStore()
    const handler = createCommandHandler({ store, clock: manualClock('2026-03-01T09:00:00.000Z'), ids: sequentialIds() })
    await handler.handle({ type: 'StartIncident', incidentId: 'i', teamId: 't', name: 'x' }, { commandId: 'c1', actorId: 'alice' })
    const result = await handler.handle({ type: 'AddNote', incidentId: 'i', text }, { commandId: 'c2', actorId: 'alice' })
    expect(result).toMatchObject(E.left({ _tag: 'InvalidCommand', field: 'text', message: expect.stringMatching(message) }))
    expect(await store.readStream('incident-i')).toHaveLength(1)
  })
})
