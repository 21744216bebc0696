import { beforeAll, describe, expect, it } from 'vitest'
import { itemDurations, type IncidentReadModel } from '../index.js'
import { createIncidentScenario } from '../testing/index.js'
import { modelOf, ms } from '../../test/build-model.js'
import { outageScenario } from '../../test/outage-scenario.js'

let scenario: Awaited<ReturnType<typeof outageScenario>>
let model: IncidentReadModel

beforeAll(async () => {
  scenario = await outageScenario()
  model = modelOf(scenario.events)
})

describe('itemDurations', () => {
  it('gives each item its additions, completions and counts', () => {
    const { times } = scenario
    const rows = Object.fromEntries(itemDurations(model, 'api')!.map((row) => [row.itemId, row]))
    expect(rows.rollback).toEqual({
      itemId: 'rollback',
      title: 'Roll back deploy 4711',
      sectionId: 'triage',
      state: 'checked',
      assigneeId: 'carol',
      addedAt: times.rollbackAdded,
      firstCompletedAt: times.rollbackChecked,
      lastCompletedAt: times.rollbackRechecked,
      lastChangedAt: times.rollbackRechecked,
      timesChecked: 2,
      timesUnchecked: 1,
      skipped: false,
      skippedAt: null,
      timesSkipped: 0,
      msFromStart: ms(times.started!, times.rollbackRechecked!),
      msFromAdded: ms(times.rollbackAdded!, times.rollbackRechecked!),
    })
    expect(rows.assess).toMatchObject({
      addedAt: times.started,
      firstCompletedAt: times.assessChecked,
      lastCompletedAt: times.assessChecked,
      msFromStart: ms(times.started!, times.assessChecked!),
      msFromAdded: ms(times.started!, times.assessChecked!),
    })
    expect(rows.page).toMatchObject({ skipped: true, skippedAt: times.pageSkipped, timesSkipped: 1, timesChecked: 0, firstCompletedAt: null, lastCompletedAt: null, msFromStart: null, msFromAdded: null })
  })

  it('puts the slowest first and items never completed last', () => {
    const rows = itemDurations(model, 'api')!
    const completed = rows.filter((r) => r.msFromAdded !== null)
    expect(completed.map((r) => r.msFromAdded)).toEqual(completed.map((r) => r.msFromAdded).sort((a, b) => b! - a!))
    expect(rows.at(-1)!.itemId).toBe('page')
    expect(rows.map((r) => r.itemId).sort()).toEqual(['assess', 'page', 'rollback'])
    expect(itemDurations(model, 'nope')).toBeUndefined()
  })

  it('gives a duration only to items checked now: one unchecked or skipped after a completion is not done', async () => {
    const s = createIncidentScenario('2026-03-01T08:00:00.000Z')
    const items = ['unchecked', 'skipped', 'done'].map((itemId) => ({ itemId, title: itemId }))
    await s.run('alice', { type: 'StartIncident', incidentId: 'i', teamId: 'ops', name: 'Outage', checklists: [{ sectionId: 's', title: 'Work', items }] })
    const checkedAt: Record<string, string> = {}
    for (const [itemId, undo] of [['unchecked', 'UncheckItem'], ['skipped', 'SkipItem'], ['done', null]] as const) {
      s.advance(60_000 * (itemId === 'done' ? 1 : 30))
      checkedAt[itemId] = s.now()
      await s.run('bob', { type: 'CheckItem', incidentId: 'i', itemId })
      if (undo) await s.run('bob', { type: undo, incidentId: 'i', itemId })
    }
    const rows = itemDurations(modelOf(await s.events()), 'i')!
    expect(rows.map((row) => [row.itemId, row.state, row.msFromAdded !== null])).toEqual([
      ['done', 'checked', true],
      ['unchecked', 'open', false],
      ['skipped', 'skipped', false],
    ])
    expect(rows[1]).toMatchObject({ lastCompletedAt: checkedAt.unchecked, msFromStart: null, msFromAdded: null })
    expect(rows[2]).toMatchObject({ lastCompletedAt: checkedAt.skipped, msFromStart: null, msFromAdded: null })
  })

  it('tells when a skipped item was skipped, not moved by a later assignment, and forgets it once restored', async () => {
    const s = createIncidentScenario('2026-03-02T08:00:00.000Z')
    const items = ['kept', 'restored'].map((itemId) => ({ itemId, title: itemId }))
    await s.run('alice', { type: 'StartIncident', incidentId: 'i', teamId: 'ops', name: 'Outage', checklists: [{ sectionId: 's', title: 'Work', items }] })
    await s.advance(10 * 60_000).run('alice', { type: 'SkipItem', incidentId: 'i', itemId: 'kept' })
    const skippedAt = s.now()
    await s.run('alice', { type: 'SkipItem', incidentId: 'i', itemId: 'restored' })
    await s.advance(50 * 60_000).run('alice', { type: 'AssignItem', incidentId: 'i', itemId: 'kept', assigneeId: 'bob' })
    await s.run('alice', { type: 'RestoreItem', incidentId: 'i', itemId: 'restored' })
    const rows = Object.fromEntries(itemDurations(modelOf(await s.events()), 'i')!.map((row) => [row.itemId, row]))
    expect(rows.kept).toMatchObject({ state: 'skipped', skippedAt, lastChangedAt: s.now() })
    expect(rows.restored).toMatchObject({ state: 'open', skippedAt: null, timesSkipped: 1 })
  })
})
