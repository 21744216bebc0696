import { channelNameFor } from '@incident-kit/core'
import { beforeAll, describe, expect, it } from 'vitest'
import { activeIncidents, incidentDetail, type IncidentReadModel } from '../index.js'
import { modelOf } from '../../test/build-model.js'
import { outageScenario } from '../../test/outage-scenario.js'

const BASE_URL = 'https://chat.example.com/ops/'
let scenario: Awaited<ReturnType<typeof outageScenario>>
let model: IncidentReadModel

beforeAll(async () => {
  scenario = await outageScenario()
  model = modelOf(scenario.events)
})

describe('activeIncidents', () => {
  it("lists only the team's active incidents, newest first", () => {
    const { times } = scenario
    const beforeEnd = modelOf(scenario.events, { asOf: { time: times.otherTeamStarted! } })
    const panel = activeIncidents(beforeEnd, 'ops')
    expect(panel.map((i) => i.incidentId)).toEqual(['db', 'api'])
    expect(panel.map((i) => i.startedAt)).toEqual([times.dbStarted, times.started])
    expect(activeIncidents(model, 'ops').map((i) => i.incidentId)).toEqual(['db'])
    expect(activeIncidents(model, 'web-team').map((i) => i.incidentId)).toEqual(['web'])
    expect(activeIncidents(model, 'nobody')).toEqual([])
  })

  it('shows commander, channel with link, severity, progress and the last status update', () => {
    const { times } = scenario
    const beforeEnd = modelOf(scenario.events, { asOf: { time: times.otherTeamStarted! } })
    const api = activeIncidents(beforeEnd, 'ops', { baseUrl: BASE_URL }).find((i) => i.incidentId === 'api')!
    expect(api.commanderId).toBe('erin')
    expect(api.channel).toEqual({ id: 'ch-api', name: 'incident-api-down', url: 'https://chat.example.com/ops/channels/incident-api-down' })
    expect(api.severity).toBe('sev1')
    // assess and rollback checked, page skipped: skipped counts as done.
    expect(api.progress).toEqual({ done: 3, total: 3, checked: 2, skipped: 1, open: 0 })
    expect(api.lastStatusUpdate).toEqual({
      at: times.secondStatus,
      recordedAt: times.secondStatus,
      authorId: 'erin',
      message: 'Rolled back, error rate normal',
      broadcastChannelIds: [],
    })
    const db = activeIncidents(model, 'ops')[0]!
    expect(db.channel).toEqual({ id: null, name: channelNameFor('Replica lag'), url: null })
    expect(db.progress).toEqual({ done: 0, total: 0, checked: 0, skipped: 0, open: 0 })
    expect(db.lastStatusUpdate).toBeNull()
  })

  it('counts progress as it was at each point of the log', () => {
    const { times } = scenario
    const progressAt = (time: string) =>
      activeIncidents(modelOf(scenario.events, { asOf: { time } }), 'ops').find((i) => i.incidentId === 'api')!.progress
    expect(progressAt(times.started!)).toMatchObject({ done: 0, total: 2 })
    expect(progressAt(times.rollbackAdded!)).toMatchObject({ done: 0, total: 3 })
    expect(progressAt(times.assessChecked!)).toMatchObject({ done: 1, checked: 1 })
    expect(progressAt(times.rollbackChecked!)).toMatchObject({ done: 2, checked: 2 })
    expect(progressAt(times.rollbackUnchecked!)).toMatchObject({ done: 1, checked: 1, open: 2 })
    expect(progressAt(times.pageSkipped!)).toMatchObject({ done: 3, checked: 2, skipped: 1, open: 0 })
  })
})

describe('incidentDetail', () => {
  it('is undefined for an unknown incident', () => {
    expect(incidentDetail(model, 'nope')).toBeUndefined()
  })

  it('shows the checklist by section with each item as it ended', () => {
    const { times } = scenario
    const detail = incidentDetail(model, 'api')!
    expect(detail.sections.map((s) => [s.sectionId, s.title])).toEqual([['triage', 'Triage']])
    const items = Object.fromEntries(detail.sections[0]!.items.map((item) => [item.itemId, item]))
    expect(detail.sections[0]!.items.map((i) => i.itemId)).toEqual(['assess', 'page', 'rollback'])
    expect(items.rollback).toEqual({
      itemId: 'rollback',
      title: 'Roll back deploy 4711',
      state: 'checked',
      assigneeId: 'carol',
      dueAt: '2026-03-01T10:00:00.000Z',
      command: null,
      lastChangedAt: times.rollbackRechecked,
      lastChangedBy: 'carol',
      lastCompletedAt: times.rollbackRechecked,
    })
    expect(items.page).toMatchObject({
      state: 'skipped',
      dueAt: new Date(Date.parse(times.started!) + 15 * 60_000).toISOString(),
      lastChangedAt: times.pageSkipped,
      lastChangedBy: 'bob',
      lastCompletedAt: null,
    })
    expect(items.assess).toMatchObject({ state: 'checked', lastCompletedAt: times.assessChecked, lastChangedBy: 'carol' })
  })

  it('keeps metadata, status updates, commander history and milestones', () => {
    const { times } = scenario
    const detail = incidentDetail(model, 'api')!
    expect(detail).toMatchObject({ status: 'ended', endedAt: times.apiEnded, reporterId: 'alice', playbookId: 'pb-outage', description: null })
    expect(detail.metadata).toEqual({ severity: 'sev1', region: 'eu-west' })
    expect(detail.statusUpdates.map((u) => [u.at, u.authorId, u.message])).toEqual([
      [times.firstStatus, 'bob', 'Investigating elevated 5xx'],
      [times.secondStatus, 'erin', 'Rolled back, error rate normal'],
    ])
    expect(detail.commanderHistory).toEqual([
      { commanderId: 'bob', since: times.started, changedBy: 'alice' },
      { commanderId: 'erin', since: times.commanderChanged, changedBy: 'bob' },
    ])
    expect(detail.milestones).toEqual([{ milestone: 'detected', at: '2026-03-01T09:20:00.000Z', setAt: times.detected, setBy: 'bob' }])
  })

  it('shows severity from the playbook before it was changed', () => {
    const asStarted = incidentDetail(modelOf(scenario.events, { asOf: { time: scenario.times.started! } }), 'api')!
    expect(asStarted.severity).toBe('sev2')
    expect(asStarted.commanderHistory).toHaveLength(1)
  })
})
