import * as E from 'fp-ts/lib/Either.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { TIME_TO_RESOLVE } from '../report/duration-metric.js'
import { buildTeamReport, type TeamReport } from '../report/team-report.js'
import { formatDuration } from './format.js'
import { renderReportHtml, renderReportMarkdown } from './render-report.js'
import { securityIncidentLog, XSS_ATTEMPT } from './render-scenario.js'

const reportOf = async (): Promise<TeamReport> => {
  const report = buildTeamReport(await securityIncidentLog(), {
    teamId: 'team-sec',
    period: { from: '2026-02-23T00:00:00.000Z', to: '2026-03-30T00:00:00.000Z' },
    now: '2026-03-30T00:00:00.000Z',
  })
  if (E.isLeft(report)) throw new Error(report.left.message)
  return report.right
}

describe('the team report document', () => {
  let report: TeamReport
  let markdown: string
  let html: string
  beforeAll(async () => {
    report = await reportOf()
    markdown = renderReportMarkdown(report)
    html = await renderReportHtml(report)
  })

  it('has every section in both formats', () => {
    for (const title of ['Overview', 'Last 30 days against the 30 before', 'Durations', 'Incidents per week', 'Playbook items', 'Incidents started in the period']) {
      expect(markdown).toContain(`\n## ${title}\n`)
      expect(html).toContain(`<h2>${title}</h2>`)
    }
  })

  it('shows the numbers of the report and names each metric\'s pair', () => {
    const resolve = report.summary.metrics.find((result) => result.metric.name === TIME_TO_RESOLVE)!
    expect(markdown).toContain(`- **Median time to resolve:** ${formatDuration(resolve.summary.median)}`)
    expect(markdown).toContain(`- **Incidents started:** ${report.summary.started}`)
    expect(html).toContain('incident.started → incident.ended')
    expect(html).toContain('incident.started → acknowledged')
    for (const item of report.items) expect(html).toContain(`<td>${item.title}</td>`)
    expect(report.incidents.map((row) => row.incidentId)).toEqual(['sec-1', 'sec-2'])
    expect(html).not.toContain('Disk full on db-3')
  })

  it('draws incidents per week and the distribution of time to resolve', () => {
    expect(html.match(/<figure class="chart">/g)).toHaveLength(2)
    const weeks = report.perWeek.filter((week) => week.started > 0).length + report.perWeek.filter((week) => week.ended > 0).length
    expect(html.match(/aria-roledescription="bar"/g)?.length).toBeGreaterThanOrEqual(weeks)
    expect(html).toContain('aria-roledescription="rect mark"')
    expect(markdown).toContain('```text')
  })

  it('keeps incident names inert and gives the same bytes twice', async () => {
    expect(html).not.toContain(XSS_ATTEMPT)
    expect(html).not.toMatch(/<script|<img/)
    const again = await reportOf()
    expect(renderReportMarkdown(again)).toBe(markdown)
    expect(await renderReportHtml(again)).toBe(html)
  })
})
