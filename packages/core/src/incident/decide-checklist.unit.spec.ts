import { describe, it } from 'vitest'
import { domainEvent } from '../events/catalogue.js'
import { given } from '../testing/given-when-then.js'

const incidentId = 'inc-1'
const started = domainEvent('incident.started', {
  incidentId,
  teamId: 'team-1',
  name: 'Checkout errors',
  channelName: 'checkout-errors',
  commanderId: 'alice',
  reporterId: 'alice',
  checklists: [
    {
      sectionId: 'triage',
      title: 'Triage',
      items: [
        { itemId: 'impact', title: 'Assess impact' },
        { itemId: 'rollback', title: 'Roll back deploy', command: '/deploy rollback' },
      ],
    },
  ],
})
const checked = domainEvent('checklist.item_checked', { itemId: 'impact' })
const skipped = domainEvent('checklist.item_skipped', { itemId: 'impact' })
const removed = domainEvent('checklist.item_removed', { itemId: 'impact' })

describe('checklist sections', () => {
  it('adds a section at the end by default, with a generated id', () => {
    given([started])
      .when({ type: 'AddSection', incidentId, title: 'Communicate' })
      .then([domainEvent('checklist.section_added', { sectionId: '00000000-0000-4000-8000-000000000001', title: 'Communicate', position: 1 })])
  })

  it('renames and removes sections by id; unknown ids are typed errors', () => {
    given([started]).when({ type: 'RenameSection', incidentId, sectionId: 'triage', title: 'Assess' }).then([domainEvent('checklist.section_renamed', { sectionId: 'triage', title: 'Assess' })])
    given([started]).when({ type: 'RemoveSection', incidentId, sectionId: 'triage' }).then([domainEvent('checklist.section_removed', { sectionId: 'triage' })])
    given([started]).when({ type: 'RemoveSection', incidentId, sectionId: 'nope' }).thenFails('SectionNotFound')
    given([started]).when({ type: 'AddSection', incidentId, sectionId: 'triage', title: 'Again' }).thenFails('SectionAlreadyExists')
  })

  it('removes the items of a removed section', () => {
    given([started, domainEvent('checklist.section_removed', { sectionId: 'triage' })]).when({ type: 'CheckItem', incidentId, itemId: 'impact' }).thenFails('ItemNotFound')
  })
})

describe('checklist items', () => {
  it('adds an item with its options, clamping the position', () => {
    given([started])
      .when({ type: 'AddItem', incidentId, sectionId: 'triage', itemId: 'notify', title: 'Notify support', position: 99, assigneeId: 'bob' })
      .then([domainEvent('checklist.item_added', { sectionId: 'triage', itemId: 'notify', title: 'Notify support', position: 2, assigneeId: 'bob' })])
    given([started]).when({ type: 'AddItem', incidentId, sectionId: 'nope', title: 'x' }).thenFails('SectionNotFound')
    given([started]).when({ type: 'AddItem', incidentId, sectionId: 'triage', title: ' ' }).thenFails('InvalidCommand')
  })

  it('never reuses the id of a removed item', () => {
    given([started, removed]).when({ type: 'AddItem', incidentId, sectionId: 'triage', itemId: 'impact', title: 'x' }).thenFails('ItemAlreadyExists')
    given([started, removed]).when({ type: 'CheckItem', incidentId, itemId: 'impact' }).thenFails('ItemNotFound')
  })

  it('checks, unchecks, skips and restores only from the states that allow it', () => {
    given([started]).when({ type: 'CheckItem', incidentId, itemId: 'impact' }).then([checked])
    given([started, checked]).when({ type: 'CheckItem', incidentId, itemId: 'impact' }).thenFails('ItemStateConflict', /checked/)
    given([started, checked]).when({ type: 'UncheckItem', incidentId, itemId: 'impact' }).then([domainEvent('checklist.item_unchecked', { itemId: 'impact' })])
    given([started]).when({ type: 'UncheckItem', incidentId, itemId: 'impact' }).thenFails('ItemStateConflict')
    given([started, checked]).when({ type: 'SkipItem', incidentId, itemId: 'impact' }).then([skipped])
    given([started, skipped]).when({ type: 'SkipItem', incidentId, itemId: 'impact' }).thenFails('ItemStateConflict')
    given([started, skipped]).when({ type: 'RestoreItem', incidentId, itemId: 'impact' }).then([domainEvent('checklist.item_restored', { itemId: 'impact' })])
    given([started]).when({ type: 'RestoreItem', incidentId, itemId: 'impact' }).thenFails('ItemStateConflict')
    given([started]).when({ type: 'CheckItem', incidentId, itemId: 'ghost' }).thenFails('ItemNotFound')
  })

  it('renames, moves, assigns and sets due dates', () => {
    given([started]).when({ type: 'RenameItem', incidentId, itemId: 'impact', title: 'Assess blast radius' }).then([domainEvent('checklist.item_renamed', { itemId: 'impact', title: 'Assess blast radius' })])
    given([started]).when({ type: 'MoveItem', incidentId, itemId: 'impact', toSectionId: 'triage' }).then([domainEvent('checklist.item_moved', { itemId: 'impact', toSectionId: 'triage', position: 1 })])
    given([started]).when({ type: 'MoveItem', incidentId, itemId: 'impact', toSectionId: 'nope' }).thenFails('SectionNotFound')
    const assigned = domainEvent('checklist.item_assigned', { itemId: 'impact', assigneeId: 'bob' })
    given([started]).when({ type: 'AssignItem', incidentId, itemId: 'impact', assigneeId: 'bob' }).then([assigned])
    given([started, assigned]).when({ type: 'AssignItem', incidentId, itemId: 'impact', assigneeId: 'bob' }).thenFails('NoChange')
    given([started, assigned]).when({ type: 'AssignItem', incidentId, itemId: 'impact', assigneeId: null }).then([domainEvent('checklist.item_assigned', { itemId: 'impact', assigneeId: null })])
    given([started]).when({ type: 'SetItemDue', incidentId, itemId: 'impact', dueAt: '2026-03-01T10:00:00.000Z' }).then([domainEvent('checklist.item_due_set', { itemId: 'impact', dueAt: '2026-03-01T10:00:00.000Z' })])
  })

  it('runs the slash command of an item that has one', () => {
    given([started]).when({ type: 'RunItemCommand', incidentId, itemId: 'rollback' }).then([domainEvent('checklist.item_command_run', { itemId: 'rollback', command: '/deploy rollback' })])
    given([started]).when({ type: 'RunItemCommand', incidentId, itemId: 'impact' }).thenFails('InvalidCommand', /no slash command/)
  })
})
