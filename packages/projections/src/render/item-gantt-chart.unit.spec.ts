import { describe, expect, it } from 'vitest'
import { modelOf } from '../../test/build-model.js'
import { createIncidentScenario } from '../testing/incident-scenario.js'
import { itemDurations } from '../views/item-durations.js'
import { itemGantt } from './item-gantt-chart.js'
import { postmortemInput } from './postmortem-input.js'
import { renderPostmortemMarkdown } from './render-postmortem.js'

const MINUTE = 60_000

/** An incident whose one item is skipped 10 minutes in, assigned at 60 and ended at 120. */
const skippedThenAssigned = async () => {
  const s = createIncidentScenario('2026-03-02T08:00:00.000Z')
  const checklists = [{ sectionId: 's', title: 'Work', items: [{ itemId: 'a', title: 'Page the vendor' }] }]
  await s.run('alice', { type: 'StartIncident', incidentId: 'i1', teamId: 'ops', name: 'Outage', checklists })
  await s.advance(10 * MINUTE).run('alice', { type: 'SkipItem', incidentId: 'i1', itemId: 'a' })
  await s.advance(50 * MINUTE).run('alice', { type: 'AssignItem', incidentId: 'i1', itemId: 'a', assigneeId: 'bob' })
  await s.advance(60 * MINUTE).run('alice', { type: 'EndIncident', incidentId: 'i1' })
  return modelOf(await s.events())
}

describe('itemGantt', () => {
  it("ends a skipped item's bar when it was skipped, however it was changed after", async () => {
    const model = await skippedThenAssigned()
    const incident = model.incidents['i1']!
    const { rows, unit } = itemGantt({ startedAt: incident.startedAt, endAt: incident.endedAt!, items: itemDurations(model, 'i1')! })
    expect(unit.name).toBe('minutes')
    expect(rows).toEqual([{ label: 'Page the vendor', from: 0, to: 10, outcome: 'Skipped' }])
  })

  it("draws the postmortem's text bars the same way", async () => {
    const markdown = renderPostmortemMarkdown(postmortemInput(await skippedThenAssigned(), 'i1')!)
    expect(markdown).toContain('Skipped, 0–10 minutes')
  })
})
