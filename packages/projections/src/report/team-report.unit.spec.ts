import { playbookStreamId } from '@incident-kit/core'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_DURATION_METRICS, TIME_TO_RESOLVE, type DurationMetric } from './duration-metric.js'
import { scenarioLog, scenarioStart, type ScenarioIncident } from './report-scenario.js'
import { buildTeamReport, type TeamReport, type TeamReportOptions } from './team-report.js'
import { testLog } from './test-log.js'
import { buildReadModel } from '../model/build-read-model.js'
import { createIncidentScenario } from '../testing/incident-scenario.js'

const MINUTE = 60_000
const period = { from: '2026-03-02T00:00:00.000Z', to: '2026-03-30T00:00:00.000Z' }

const A: ScenarioIncident = {
  id: 'a', team: 'sec', playbook: 'pb', day: 0, minute: 60, acknowledged: 5, firstStatus: 12, mitigated: 40, end: 90,
  commanderChanges: 1, items: { triage: { check: [10] }, contain: { check: [30] }, notify: { skip: 50 } },
}
const B: ScenarioIncident = {
  id: 'b', team: 'sec', playbook: 'pb', day: 8, minute: 0, acknowledged: 15, firstStatus: 20, end: 300,
  commanderChanges: 2, items: { triage: { check: [20, 35], uncheck: [25] }, contain: { check: [100] }, notify: { check: [50] } },
}
const C: ScenarioIncident = { id: 'c', team: 'sec', playbook: 'pb', day: 15, minute: 0, acknowledged: 3, items: { triage: { check: [7] } } }
const D: ScenarioIncident = { id: 'd', team: 'sec', day: 16, minute: 0, end: 30 }
const beforePeriod: ScenarioIncident = { id: 'f', team: 'sec', playbook: 'pb', day: -3, minute: 0, end: 4 * 24 * 60 }
const otherTeam: ScenarioIncident = { id: 'e', team: 'ops', playbook: 'pb', day: 1, minute: 0, acknowledged: 1, end: 1000, items: { triage: { check: [999] } } }
const scenario = [beforePeriod, A, otherTeam, B, C, D]

const report = (incidents: readonly ScenarioIncident[], options: Partial<TeamReportOptions> = {}): TeamReport => {
  const result = buildTeamReport(scenarioLog(incidents).events, { teamId: 'sec', period, ...options })
  if (E.isLeft(result)) throw new Error(result.left.message)
  return result.right
}
const metric = (built: TeamReport, name: string) => built.summary.metrics.find((result) => result.metric.name === name)

const zoneBefore = process.env['TZ']
afterEach(() => {
  if (zoneBefore === undefined) delete process.env['TZ']
  else process.env['TZ'] = zoneBefore
})

describe('buildTeamReport', () => {
  const built = report(scenario)

  it('counts incidents started, ended and in progress in the period for the team only', () => {
    expect(built.summary.started).toBe([A, B, C, D].length)
    expect(built.summary.ended).toBe([beforePeriod, A, B, D].length)
    expect(built.summary.inProgress).toBe([C].length)
    expect(built.incidents.map((row) => row.incidentId)).toEqual(['a', 'b', 'c', 'd'])
  })

  it('measures time to resolve over the incidents that ended', () => {
    const samples = [A.end, B.end, D.end].map((minutes) => (minutes as number) * MINUTE)
    expect(metric(built, TIME_TO_RESOLVE)?.summary).toEqual({
      count: 3,
      mean: (samples[0]! + samples[1]! + samples[2]!) / 3,
      median: A.end! * MINUTE,
      // sorted: D, A, B; rank (3 - 1) * 0.9 = 1.8 lies 0.8 of the way from A to B
      p90: samples[0]! + 0.8 * (samples[1]! - samples[0]!),
      min: D.end! * MINUTE,
      max: B.end! * MINUTE,
    })
    expect(metric(built, TIME_TO_RESOLVE)?.missingPoint).toBe([C].length)
  })

  it('names the pair of each metric and measures acknowledge and first status update', () => {
    expect(built.summary.metrics.map((result) => result.metric)).toEqual(DEFAULT_DURATION_METRICS)
    const ack = metric(built, 'time to acknowledge')?.summary
    expect(ack?.count).toBe(3)
    expect(ack?.median).toBe(A.acknowledged! * MINUTE)
    const firstStatus = metric(built, 'time to first status update')?.summary
    expect(firstStatus?.median).toBe(((A.firstStatus! + B.firstStatus!) / 2) * MINUTE)
  })

  it('counts commander changes per incident', () => {
    expect(built.summary.commanderChanges).toEqual({ total: 3, perIncident: 3 / 4, max: 2, incidentsWithChange: 2 })
  })

  it('gives per playbook item completion times, skips and unchecks over the cohort', () => {
    const triage = built.items.find((item) => item.itemId === 'triage')
    expect(triage).toMatchObject({ playbookId: 'pb', incidents: 3, completed: 3, uncheckedAgain: 1, uncheckedAgainRate: 1 / 3, skipped: 0 })
    // last checks: A 10, B 35, C 7 minutes after each start
    expect(triage?.completion.median).toBe(A.items!.triage!.check![0]! * MINUTE)
    const notify = built.items.find((item) => item.itemId === 'notify')
    expect(notify).toMatchObject({ incidents: 3, completed: 1, skipped: 1, skippedRate: 1 / 3 })
    expect(built.items.map((item) => item.itemId)).toEqual(['contain', 'notify', 'triage'])
    expect(triage?.title).toBe('Title of triage')
  })

  it('gives statistics for the playbook items only: not an item added during an incident, nor its own start checklist', async () => {
    const log = createIncidentScenario('2026-03-02T08:00:00.000Z')
    const steps = { sectionId: 's', title: 'Steps', items: [{ itemId: 'p1', title: 'Contain' }] }
    await log.run('alice', { type: 'CreatePlaybook', playbookId: 'pb', teamId: 'sec', title: 'Breach', checklists: [steps] })
    for (const incidentId of ['i1', 'i2', 'i3']) {
      const own = { sectionId: 'own', title: 'Own', items: [{ itemId: 'call', title: 'Call the vendor' }] }
      await log.advance(60 * MINUTE).run('alice', { type: 'StartIncident', incidentId, teamId: 'sec', name: incidentId, playbookId: 'pb', checklists: [own] })
      await log.advance(MINUTE).run('alice', { type: 'AddItem', incidentId, sectionId: 's', title: 'Ad-hoc follow-up' })
    }
    const built = buildTeamReport(await log.events(), { teamId: 'sec', period })
    expect(E.isRight(built) && built.right.items.map((item) => [item.playbookId, item.itemId, item.title, item.incidents])).toEqual([['pb', 'p1', 'Contain', 3]])
  })

  it('keeps counting an item the playbook dropped since, for the incidents that copied it', async () => {
    const log = createIncidentScenario('2026-03-02T08:00:00.000Z')
    const playbook = (itemIds: string[]) => ({ playbookId: 'pb', title: 'Breach', checklists: [{ sectionId: 's', title: 'Steps', items: itemIds.map((itemId) => ({ itemId, title: itemId })) }] })
    const start = (incidentId: string) => log.advance(60 * MINUTE).run('alice', { type: 'StartIncident', incidentId, teamId: 'sec', name: incidentId, playbookId: 'pb' })
    await log.run('alice', { type: 'CreatePlaybook', teamId: 'sec', ...playbook(['p1']) })
    await start('i1')
    await log.run('alice', { type: 'UpdatePlaybook', ...playbook(['p1', 'p2']) })
    await start('i2')
    await log.run('alice', { type: 'UpdatePlaybook', ...playbook(['p2']) })
    await start('i3')
    const built = buildTeamReport(await log.events(), { teamId: 'sec', period })
    expect(E.isRight(built) && built.right.items.map((item) => [item.itemId, item.incidents])).toEqual([['p1', 2], ['p2', 2]])
  })

  it("does not take an incident's own start item for the playbook's when the playbook gains its id later, in any order of streams", async () => {
    const log = createIncidentScenario('2026-03-02T08:00:00.000Z')
    const playbook = (itemIds: string[]) => ({ playbookId: 'pb', title: 'Breach', checklists: [{ sectionId: 's', title: 'Steps', items: itemIds.map((itemId) => ({ itemId, title: itemId })) }] })
    await log.run('alice', { type: 'CreatePlaybook', teamId: 'sec', ...playbook(['triage']) })
    const own = { sectionId: 'own', title: 'Own', items: [{ itemId: 'call-legal', title: 'Call legal' }] }
    await log.advance(MINUTE).run('alice', { type: 'StartIncident', incidentId: 'i1', teamId: 'sec', name: 'i1', playbookId: 'pb', checklists: [own] })
    await log.advance(5 * MINUTE).run('alice', { type: 'CheckItem', incidentId: 'i1', itemId: 'call-legal' })
    await log.advance(MINUTE).run('alice', { type: 'EndIncident', incidentId: 'i1' })
    await log.advance(MINUTE).run('alice', { type: 'UpdatePlaybook', ...playbook(['triage', 'call-legal']) })
    const events = await log.events()
    // As the bot reads them (teamReportStreams): the incident's stream before the playbook's.
    const incidentFirst = [...events.filter((event) => event.streamId !== playbookStreamId('pb')), ...events.filter((event) => event.streamId === playbookStreamId('pb'))]
    for (const order of [events, incidentFirst]) {
      const built = buildTeamReport(order, { teamId: 'sec', period })
      expect(E.isRight(built) && built.right.items.map((item) => [item.itemId, item.incidents])).toEqual([['triage', 1]])
    }
  })

  it('counts incidents per week, quiet weeks included', () => {
    expect(built.perWeek).toEqual([
      { weekStart: '2026-03-02', started: 1, ended: 2 },
      { weekStart: '2026-03-09', started: 1, ended: 1 },
      { weekStart: '2026-03-16', started: 2, ended: 1 },
      { weekStart: '2026-03-23', started: 0, ended: 0 },
    ])
  })

  it('leaves out what happened at or after the end of the period', () => {
    const cut = report(scenario, { period: { from: period.from, to: scenarioStart(B) } })
    expect(cut.summary.started).toBe(1)
    expect(report([{ ...B, day: 0, minute: 0 }], { period: { from: period.from, to: '2026-03-02T01:00:00.000Z' } }).summary).toMatchObject({
      started: 1,
      ended: 0,
      inProgress: 1,
    })
  })

  it('cuts each stream at its first event at or after the end, as buildReadModel cuts as of a time', () => {
    const log = testLog()
    const started = { incidentId: 'skewed', teamId: 'sec', name: 'Skewed clocks', channelName: 'skewed', commanderId: 'alice', reporterId: 'alice', checklists: [] }
    log.incident('skewed', 'incident.started', started, '2026-03-02T10:00:00.000Z')
    log.incident('skewed', 'incident.note_added', { text: 'still looking' }, '2026-03-02T10:20:00.000Z')
    // Stamped by a replica whose clock is behind: after the note in the stream, earlier by the clock.
    log.incident('skewed', 'incident.ended', {}, '2026-03-02T09:59:00.000Z')
    const end = '2026-03-02T10:10:00.000Z'
    const model = buildReadModel(log.events, { asOf: { time: end } })
    expect(E.isRight(model) && model.right.incidents['skewed']?.status).toBe('active')
    const result = buildTeamReport(log.events, { teamId: 'sec', period: { from: period.from, to: end } })
    const built = E.isRight(result) ? result.right : undefined
    expect(built?.incidents.map((row) => row.endedAt)).toEqual([null])
    expect(built?.summary).toMatchObject({ started: 1, ended: 0, inProgress: 1 })
  })

  it('filters by playbook', () => {
    const onlyPlaybook = report(scenario, { playbookId: 'pb' })
    expect(onlyPlaybook.incidents.map((row) => row.incidentId)).toEqual(['a', 'b', 'c'])
  })

  it("names only the team's playbooks: another team's playbook id stays a bare id, as an unknown one", async () => {
    const log = createIncidentScenario('2026-03-02T08:00:00.000Z')
    await log.run('eve', { type: 'CreatePlaybook', playbookId: 'pb-ops', teamId: 'ops', title: 'Acquisition of Acme', checklists: [] })
    await log.run('alice', { type: 'CreatePlaybook', playbookId: 'pb-sec', teamId: 'sec', title: 'Breach', checklists: [] })
    await log.run('alice', { type: 'StartIncident', incidentId: 'i1', teamId: 'sec', name: 'i1', playbookId: 'pb-sec' })
    const events = await log.events()
    const titles = (playbookId: string) => {
      const built = buildTeamReport(events, { teamId: 'sec', playbookId, period })
      return E.isRight(built) ? built.right.playbookTitles : undefined
    }
    expect(titles('pb-ops')).toEqual({})
    expect(titles('pb-sec')).toEqual({ 'pb-sec': 'Breach' })
  })

  it('measures a team-defined pair and counts durations recorded in the other order', () => {
    const custom: DurationMetric[] = [{ name: 'ack to mitigate', from: 'acknowledged', to: 'mitigated' }]
    const reversed = { ...A, id: 'r', acknowledged: 50, mitigated: 20 }
    const built = report([A, reversed], { metrics: custom })
    expect(built.summary.metrics[0]).toMatchObject({ negative: 1, missingPoint: 0 })
    expect(built.summary.metrics[0]?.summary.median).toBe((A.mitigated! - A.acknowledged!) * MINUTE)
  })

  it('counts a reopened incident from its final end', () => {
    const reopened = { ...D, id: 'z', end: 30, reopenAndEnd: [60, 120] as const }
    const built = report([reopened])
    expect(metric(built, TIME_TO_RESOLVE)?.summary.median).toBe(120 * MINUTE)
    expect(built.summary.ended).toBe(1)
    expect(built.perWeek.reduce((sum, week) => sum + week.ended, 0)).toBe(1)
  })

  it('compares the last 30 days with the 30 before, relative to now', () => {
    const now = '2026-04-01T00:00:00.000Z'
    const recent = report(scenario, { now }).recent
    expect(recent?.current.period).toEqual({ from: '2026-03-02T00:00:00.000Z', to: now })
    expect(recent?.current.started).toBe(4)
    expect(recent?.previous.started).toBe(1)
    expect(recent?.previous.inProgress).toBe(1)
  })

  it('reads times without an offset as UTC on any machine, and gives its period in the log format', () => {
    process.env['TZ'] = 'America/New_York'
    const dates = { from: period.from.slice(0, 10), to: period.to.slice(0, 16) }
    const fromDates = report(scenario, { period: dates, now: '2026-04-01' })
    expect(fromDates).toEqual(report(scenario, { now: '2026-04-01T00:00:00.000Z' }))
    expect(fromDates.period).toEqual(period)
    const shifted = report(scenario, { period: { from: '2026-03-02T02:00+02:00', to: period.to } })
    expect(shifted.period.from).toBe(period.from)
  })

  it('refuses an empty period, a bad time, duplicate metric names and a bad recent window', () => {
    const events = scenarioLog(scenario).events
    const tagOf = (options: TeamReportOptions) => {
      const result = buildTeamReport(events, options)
      return E.isLeft(result) ? result.left._tag : 'ok'
    }
    expect(tagOf({ teamId: 'sec', period: { from: period.to, to: period.from } })).toBe('EmptyPeriod')
    expect(tagOf({ teamId: 'sec', period: { from: 'yesterday', to: period.to } })).toBe('InvalidTime')
    const twice = [DEFAULT_DURATION_METRICS[0]!, DEFAULT_DURATION_METRICS[0]!]
    expect(tagOf({ teamId: 'sec', period, metrics: twice })).toBe('DuplicateMetricName')
    expect(tagOf({ teamId: 'sec', period, now: 'soon' })).toBe('InvalidTime')
    expect(tagOf({ teamId: 'sec', period: { from: 'March 2, 2026', to: period.to } })).toBe('InvalidTime')
    expect(tagOf({ teamId: 'sec', period, now: period.to, recentDays: 0 })).toBe('InvalidRecentDays')
  })

  it('refuses recent windows reaching back further than a date can, naming the most days it takes', () => {
    const result = buildTeamReport(scenarioLog(scenario).events, { teamId: 'sec', period, now: period.to, recentDays: 1e8 })
    expect(E.isLeft(result) && result.left).toMatchObject({ _tag: 'InvalidRecentDays', days: 1e8, message: expect.stringMatching(/from 1 to \d+.*got 100000000/) })
    const mostDays = Number(/from 1 to (\d+)/.exec(E.isLeft(result) ? result.left.message : '')![1])
    expect(E.isRight(buildTeamReport(scenarioLog(scenario).events, { teamId: 'sec', period, now: period.to, recentDays: mostDays }))).toBe(true)
  })
})
