import { describe, expect, it } from 'vitest'
import { modelOf } from '../../test/build-model.js'
import { createIncidentScenario } from '../testing/incident-scenario.js'
import { incidentDetail } from '../views/incident-detail.js'
import { itemDurations } from '../views/item-durations.js'
import { incidentReadModelProjection } from '../runner/incident-read-model-projection.js'

const MINUTE = 60_000

/** An item with a slash command, assigned by alice at 5 minutes, its command run by bob at 10. */
const commandRunLog = async () => {
  const s = createIncidentScenario('2026-03-02T08:00:00.000Z')
  const checklists = [{ sectionId: 's', title: 'Work', items: [{ itemId: 'rollback', title: 'Roll back', command: '/deploy rollback' }] }]
  await s.run('alice', { type: 'StartIncident', incidentId: 'i1', teamId: 'ops', name: 'Outage', checklists })
  const assignedAt = s.advance(5 * MINUTE).now()
  await s.run('alice', { type: 'AssignItem', incidentId: 'i1', itemId: 'rollback', assigneeId: 'bob' })
  const ranAt = s.advance(5 * MINUTE).now()
  await s.run('bob', { type: 'RunItemCommand', incidentId: 'i1', itemId: 'rollback' })
  return { events: await s.events(), assignedAt, ranAt }
}

describe("an item's last change", () => {
  it('is not moved by running its slash command, which changes nothing about the item', async () => {
    const { events, assignedAt } = await commandRunLog()
    const model = modelOf(events)
    expect(model.incidents['i1']!.items['rollback']).toMatchObject({ lastChangedAt: assignedAt, lastChangedBy: 'alice', assigneeId: 'bob' })
    expect(incidentDetail(model, 'i1')!.sections[0]!.items[0]).toMatchObject({ lastChangedAt: assignedAt, lastChangedBy: 'alice' })
    expect(itemDurations(model, 'i1')![0]).toMatchObject({ lastChangedAt: assignedAt })
  })

  it('keeps the command run in the timeline', async () => {
    const { events, ranAt } = await commandRunLog()
    const timeline = modelOf(events).incidents['i1']!.timeline
    expect(timeline.at(-1)).toMatchObject({ type: 'checklist.item_command_run', occurredAt: ranAt, actorId: 'bob' })
  })

  it('is moved by every change the docs list: assignment, rename, move, due date, check, skip', async () => {
    const s = createIncidentScenario('2026-03-02T08:00:00.000Z')
    const checklists = [
      { sectionId: 's', title: 'Work', items: [{ itemId: 'a', title: 'Roll back' }] },
      { sectionId: 't', title: 'Later', items: [] },
    ]
    await s.run('alice', { type: 'StartIncident', incidentId: 'i1', teamId: 'ops', name: 'Outage', checklists })
    const commands = [
      { type: 'AssignItem', incidentId: 'i1', itemId: 'a', assigneeId: 'bob' },
      { type: 'RenameItem', incidentId: 'i1', itemId: 'a', title: 'Roll back now' },
      { type: 'MoveItem', incidentId: 'i1', itemId: 'a', toSectionId: 't' },
      { type: 'SetItemDue', incidentId: 'i1', itemId: 'a', dueAt: '2026-03-02T10:00:00.000Z' },
      { type: 'CheckItem', incidentId: 'i1', itemId: 'a' },
      { type: 'UncheckItem', incidentId: 'i1', itemId: 'a' },
      { type: 'SkipItem', incidentId: 'i1', itemId: 'a' },
      { type: 'RestoreItem', incidentId: 'i1', itemId: 'a' },
    ] as const
    for (const [index, command] of commands.entries()) {
      const at = s.advance(MINUTE).now()
      const actor = index % 2 === 0 ? 'bob' : 'carol'
      await s.run(actor, command)
      expect(modelOf(await s.events()).incidents['i1']!.items['a'], command.type).toMatchObject({ lastChangedAt: at, lastChangedBy: actor })
    }
  })

  it('is a change of the projection, so stored snapshots of an older version are rebuilt', () => {
    expect(incidentReadModelProjection.version).toBeGreaterThanOrEqual(5)
  })
})
