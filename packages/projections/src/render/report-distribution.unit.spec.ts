import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { scenarioLog, type ScenarioIncident } from '../report/report-scenario.js'
import { buildTeamReport } from '../report/team-report.js'
import { renderReportMarkdown } from './render-report.js'

/** `histogram` makes at most 12 bins of a round width, plus one when the largest value falls on an edge. */
const MOST_BINS = 13

const PERIOD = { from: '2026-02-23T00:00:00.000Z', to: '2026-05-04T00:00:00.000Z' }

const markdownOf = (incidents: readonly ScenarioIncident[]): string => {
  const report = buildTeamReport(scenarioLog(incidents).events, { teamId: 'ops', period: PERIOD, now: PERIOD.to })
  if (E.isLeft(report)) throw new Error(report.left.message)
  return renderReportMarkdown(report.right)
}

/** The lines inside the fenced text of the distribution chart, or `null` when there is none. */
const distributionLines = (markdown: string): string[] | null => {
  const lines = markdown.split('\n')
  const title = lines.findIndex((line) => line.startsWith('**Distribution of time to resolve'))
  if (title < 0) return null
  const open = lines.indexOf('```text', title)
  return lines.slice(open + 1, lines.indexOf('```', open + 1))
}

/** Each line ends with the number of incidents of its bin. */
const binCount = (line: string): number => Number(/│ (\d+)$/.exec(line)?.[1] ?? Number.NaN)

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0)

const resolvedCount = (incidents: readonly ScenarioIncident[]) => incidents.filter((incident) => incident.end !== undefined).length

describe('the distribution of time to resolve in Markdown', () => {
  it('draws the histogram bins, not one bar per incident, however many incidents there are', () => {
    // Spread over 60 days with resolve times from minutes to two days; every tenth still open.
    const incidents = Array.from({ length: 500 }, (_, index): ScenarioIncident => ({
      id: `i${index}`,
      team: 'ops',
      day: index % 60,
      minute: (index * 37) % 1440,
      ...(index % 10 === 0 ? {} : { end: 5 + ((index * 7919) % 3000) }),
    }))
    const lines = distributionLines(markdownOf(incidents))
    expect(lines).not.toBeNull()
    expect(lines!.length).toBeLessThanOrEqual(MOST_BINS)
    expect(sum(lines!.map(binCount))).toBe(450)
  })

  it('counts every resolved incident in exactly one bin', () => {
    const incident = (id: string) =>
      fc.record({
        id: fc.constant(id),
        team: fc.constant('ops'),
        // Starts by day 50 so that even the slowest (8 days) ends before the period does.
        day: fc.integer({ min: 0, max: 50 }),
        minute: fc.integer({ min: 0, max: 1439 }),
        end: fc.option(fc.oneof(fc.integer({ min: 1, max: 90 }), fc.integer({ min: 1, max: 12_000 })), { nil: undefined }),
      }) satisfies fc.Arbitrary<ScenarioIncident>
    const scenarios = fc.integer({ min: 0, max: 40 }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, index) => incident(`i${index}`))))
    fc.assert(
      fc.property(scenarios, (incidents) => {
        const lines = distributionLines(markdownOf(incidents))
        const resolved = resolvedCount(incidents)
        if (resolved === 0) {
          expect(lines).toBeNull()
          return
        }
        expect(lines!.length).toBeLessThanOrEqual(MOST_BINS)
        expect(sum(lines!.map(binCount))).toBe(resolved)
      }),
      { numRuns: 60 },
    )
  })
})
