import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { emptyReadModel } from '../model/read-model.js'
import { buildTeamReport } from '../report/team-report.js'
import { teamReportStreams } from '../report/team-report-streams.js'
import { incidentsPerWeekSpec } from './report-charts.js'
import { reportDocument } from './report-document.js'
import { writeMarkdown } from './markdown-writer.js'

/** More arguments than a spread into `Math.max` or `push` takes without overflowing the stack. */
const MANY = 300_000

describe('lists of any length', () => {
  it('charts a report over thousands of years (hundreds of thousands of weeks)', () => {
    const report = buildTeamReport([], { teamId: 't', period: { from: '1000-01-01T00:00:00.000Z', to: '7000-01-01T00:00:00.000Z' } })
    if (E.isLeft(report)) throw new Error(report.left.message)
    expect(report.right.perWeek.length).toBeGreaterThan(MANY)
    expect(reportDocument(report.right).sections.map((section) => section.id)).toContain('per-week')
  })

  it('writes a table of very many rows as Markdown', () => {
    const rows = Array.from({ length: MANY }, (_, index) => [`incident ${index}`])
    const markdown = writeMarkdown({
      title: 'Many',
      subtitle: 'rows',
      sections: [{ id: 'rows', title: 'Rows', blocks: [{ kind: 'table', table: { headers: ['Incident'], rows, empty: 'none' } }] }],
      footer: 'end',
    })
    expect(markdown).toContain(`| incident ${MANY - 1} |`)
  })

  it('scales the weekly chart to the busiest of very many weeks', () => {
    const weeks = Array.from({ length: MANY }, (_, index) => ({ weekStart: `w${index}`, started: index === 7 ? 9 : 0, ended: 0 }))
    const spec = JSON.stringify(incidentsPerWeekSpec(weeks))
    expect(spec).toContain('"tickCount":5')
  })

  it('lists the streams of a report over very many periods', () => {
    const periods = Array.from({ length: MANY }, (_, index) => ({
      from: new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString(),
      to: new Date(Date.UTC(2026, 0, 1) + (index + 1) * 60_000).toISOString(),
    }))
    expect(teamReportStreams(emptyReadModel, 't', undefined, periods)).toEqual([])
  })
})
