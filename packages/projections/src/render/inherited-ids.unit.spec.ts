import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { STARTED_POINT, type DurationMetric } from '../report/duration-metric.js'
import { reportFactsOf } from '../report/incident-facts.js'
import { buildTeamReport, type TeamReport } from '../report/team-report.js'
import { buildReadModel } from '../model/build-read-model.js'
import { createIncidentScenario } from '../testing/incident-scenario.js'
import { reportDocument } from './report-document.js'
import { renderReportMarkdown } from './render-report.js'

/** Ids any string may be that name what every plain object inherits. */
const INHERITED_NAMES = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__', 'isPrototypeOf']

const period = { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' }

const reportFor = (playbookId: string, events: Parameters<typeof buildTeamReport>[0] = [], metrics?: readonly DurationMetric[]): TeamReport => {
  const built = buildTeamReport(events, { teamId: 't', playbookId, period, ...(metrics === undefined ? {} : { metrics }) })
  if (E.isLeft(built)) throw new Error(built.left.message)
  return built.right
}

describe('ids that name inherited properties', () => {
  it.each(INHERITED_NAMES)('a report for the unknown playbook %j shows its bare id', (playbookId) => {
    const report = reportFor(playbookId)
    expect(report.playbookTitles[playbookId]).toBeUndefined()
    expect(reportDocument(report).title).toBe(`Incident report: t, playbook ${playbookId}`)
    expect(renderReportMarkdown(report)).not.toContain('native code')
  })

  it.each(INHERITED_NAMES)('a report read back from JSON still shows the bare id %j', (playbookId) => {
    const copy = JSON.parse(JSON.stringify(reportFor(playbookId))) as TeamReport
    expect(reportDocument(copy).title).toBe(`Incident report: t, playbook ${playbookId}`)
  })

  it('a known playbook with such an id still shows its title', async () => {
    const log = createIncidentScenario('2026-03-02T08:00:00.000Z')
    await log.run('alice', { type: 'CreatePlaybook', playbookId: 'constructor', teamId: 't', title: 'Builder', checklists: [] })
    const report = reportFor('constructor', await log.events())
    expect(report.playbookTitles).toEqual({ constructor: 'Builder' })
    expect(reportDocument(report).title).toBe('Incident report: t, playbook Builder')
  })

  it('the report facts know no playbook and no milestone a plain object inherits', async () => {
    const log = createIncidentScenario('2026-03-02T08:00:00.000Z')
    await log.run('alice', { type: 'StartIncident', incidentId: 'i1', teamId: 't', name: 'API down' })
    const built = buildReadModel(await log.events())
    if (E.isLeft(built)) throw new Error(built.left.message)
    const facts = reportFactsOf(built.right)
    for (const name of INHERITED_NAMES) {
      expect(facts.playbooks[name]).toBeUndefined()
      expect(facts.incidents[0]!.milestones[name]).toBeUndefined()
    }
  })

  it.each(INHERITED_NAMES)('a metric to the milestone %j is not reached until that milestone is set', async (milestone) => {
    const log = createIncidentScenario('2026-03-02T08:00:00.000Z')
    await log.run('alice', { type: 'StartIncident', incidentId: 'i1', teamId: 't', name: 'API down' })
    await log.advance(60_000).run('alice', { type: 'StartIncident', incidentId: 'i2', teamId: 't', name: 'DB down' })
    await log.advance(5 * 60_000).run('alice', { type: 'SetMilestone', incidentId: 'i2', milestone })
    const metric: DurationMetric = { name: 'to the milestone', from: STARTED_POINT, to: milestone }
    const built = buildTeamReport(await log.events(), { teamId: 't', period, metrics: [metric] })
    if (E.isLeft(built)) throw new Error(built.left.message)
    const rows = Object.fromEntries(built.right.incidents.map((row) => [row.incidentId, row.durations[metric.name]]))
    expect(rows).toEqual({ i1: null, i2: 5 * 60_000 })
    expect(built.right.summary.metrics[0]).toMatchObject({ missingPoint: 1, negative: 0, summary: { count: 1, median: 5 * 60_000 } })
  })
})
