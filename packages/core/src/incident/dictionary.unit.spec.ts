import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { IncidentCommand } from '../commands/command.js'
import type { IncidentEvent } from '../events/catalogue.js'
import { given, TEST_NOW } from '../testing/given-when-then.js'
import { incidentStarted } from '../testing/incident-fixtures.js'
import { decideIncident } from './decide-incident.js'
import { foldIncident } from './evolve-incident.js'
import { initialIncidentState, orderedItems } from './incident-state.js'

const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']

const startedWith = (itemIds: readonly string[]): IncidentEvent =>
  incidentStarted({ checklists: [{ sectionId: 'triage', title: 'Triage', items: itemIds.map((itemId) => ({ itemId, title: `Item ${itemId}` })) }] })

const fold = (events: readonly IncidentEvent[]) => foldIncident(initialIncidentState, events.map((e) => ({ ...e, occurredAt: TEST_NOW })))

describe('ids and keys named like Object.prototype members', () => {
  it.each(PROTOTYPE_NAMES)('a command on a missing item %s is ItemNotFound, not an event without an item id', (itemId) => {
    const commands: IncidentCommand[] = [
      { type: 'AssignItem', incidentId: 'i', itemId, assigneeId: 'bob' },
      { type: 'RenameItem', incidentId: 'i', itemId, title: 'x' },
      { type: 'RemoveItem', incidentId: 'i', itemId },
      { type: 'SetItemDue', incidentId: 'i', itemId, dueAt: null },
      { type: 'RunItemCommand', incidentId: 'i', itemId },
      { type: 'CheckItem', incidentId: 'i', itemId },
    ]
    for (const command of commands) given([startedWith([])]).when(command).thenFails('ItemNotFound')
  })

  it.each(PROTOTYPE_NAMES)('%s is a fresh id for a new item', (itemId) => {
    given([startedWith([])]).when({ type: 'AddItem', incidentId: 'i', sectionId: 'triage', itemId, title: 'Odd id' }).then([
      { type: 'checklist.item_added', data: { sectionId: 'triage', itemId, title: 'Odd id', position: 0 } },
    ])
  })

  it('keeps items with such ids as ordinary entries, without touching any prototype', () => {
    const state = fold([startedWith(PROTOTYPE_NAMES), { type: 'checklist.item_renamed', data: { itemId: '__proto__', title: 'polluted' } }])
    expect(orderedItems(state).map((item) => [item.itemId, item.title])).toEqual(
      PROTOTYPE_NAMES.map((id) => [id, id === '__proto__' ? 'polluted' : `Item ${id}`]),
    )
    expect(Object.keys(state.items)).toEqual(PROTOTYPE_NAMES)
    expect(({} as { title?: string }).title).toBeUndefined()
    const assigned = decideIncident({ type: 'AssignItem', incidentId: 'i', itemId: 'constructor', assigneeId: 'bob' }, state, {
      now: TEST_NOW,
      actorId: 'alice',
      newId: () => 'n',
    })
    expect(assigned).toEqual(E.right([{ type: 'checklist.item_assigned', data: { itemId: 'constructor', assigneeId: 'bob' } }]))
  })

  it('keeps metadata and milestones named so', () => {
    const state = fold([
      startedWith([]),
      { type: 'incident.metadata_set', data: { key: '__proto__', value: 'SEV1' } },
      { type: 'incident.milestone_set', data: { milestone: '__proto__', at: TEST_NOW } },
    ])
    expect(Object.entries(state.metadata)).toEqual([['__proto__', 'SEV1']])
    expect(Object.entries(state.milestones)).toEqual([['__proto__', TEST_NOW]])
    given([startedWith([])]).when({ type: 'SetMetadata', incidentId: 'i', key: 'constructor', value: null }).thenFails('NoChange')
  })
})
