import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { modelOf } from '../../test/build-model.js'
import { createIncidentScenario } from '../testing/incident-scenario.js'
import { itemDurations, type ItemDuration } from '../views/item-durations.js'
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

const START = Date.parse('2026-03-02T08:00:00.000Z')

/** An open item added `minute` minutes after the start. */
const openItem = (itemId: string, title: string, minute: number): ItemDuration => ({
  itemId,
  title,
  sectionId: 's',
  state: 'open',
  assigneeId: null,
  addedAt: new Date(START + minute * MINUTE).toISOString(),
  firstCompletedAt: null,
  lastCompletedAt: null,
  lastChangedAt: new Date(START + minute * MINUTE).toISOString(),
  timesChecked: 0,
  timesUnchecked: 0,
  skipped: false,
  skippedAt: null,
  timesSkipped: 0,
  msFromStart: null,
  msFromAdded: null,
})

const labelsOf = (titles: readonly string[]) =>
  itemGantt({
    startedAt: new Date(START).toISOString(),
    endAt: new Date(START + 600 * MINUTE).toISOString(),
    items: titles.map((title, index) => openItem(`item-${String(index).padStart(4, '0')}`, title, index)),
  }).rows.map((row) => row.label)

describe('itemGantt labels', () => {
  it('never gives two bars the same label, even when a title looks like a numbered duplicate', () => {
    expect(labelsOf(['A', 'A', 'A (2)'])).toEqual(['A', 'A (2)', 'A (2) (2)'])
    expect(labelsOf(['A (2)', 'A', 'A'])).toEqual(['A (2)', 'A', 'A (3)'])
    expect(labelsOf(['A', 'A (2)', 'A', 'A'])).toEqual(['A', 'A (2)', 'A (3)', 'A (4)'])
  })

  it('labels are unique for any titles, and a title seen first and free is its own label', () => {
    const title = fc.constantFrom('A', 'A (2)', 'A (3)', 'A (2) (2)', 'B', 'constructor', '__proto__')
    fc.assert(
      fc.property(fc.array(title, { maxLength: 30 }), (titles) => {
        const labels = labelsOf(titles)
        expect(new Set(labels).size).toBe(labels.length)
        labels.forEach((label, index) => {
          const title = titles[index]!
          expect(label === title || label.startsWith(`${title} (`)).toBe(true)
          if (!titles.slice(0, index).includes(title) && !labels.slice(0, index).includes(title)) expect(label).toBe(title)
        })
      }),
    )
  })
})

describe('itemGantt with very many items', () => {
  it('draws 300,000 items without overflowing the stack', () => {
    const items = Array.from({ length: 300_000 }, (_, index) => openItem(`item-${index}`, `Item ${index}`, index / 1000))
    const { rows, unit } = itemGantt({ startedAt: new Date(START).toISOString(), endAt: new Date(START + 600 * MINUTE).toISOString(), items })
    expect(rows).toHaveLength(300_000)
    expect(unit.name).toBe('hours')
  })
})
