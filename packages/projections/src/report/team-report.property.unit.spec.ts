import { incidentStreamId, playbookStreamId, type RecordedEvent } from '@incident-kit/core'
import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { summarizeDurations } from './duration-statistics.js'
import { reportFactsOf, reportFactsSource } from './incident-facts.js'
import { scenarioLog, SCENARIO_DAY_ZERO, SCENARIO_ITEMS, type ScenarioIncident } from './report-scenario.js'
import { minutesAfter } from './test-log.js'
import { buildReadModel } from '../model/build-read-model.js'
import { buildTeamReport, type TeamReportOptions } from './team-report.js'
import { teamReportStreams } from './team-report-streams.js'

const TEAMS = ['sec', 'ops', 'build'] as const
const minutes = fc.integer({ min: 1, max: 3000 })

const incident = (id: string) =>
  fc.record({
    id: fc.constant(id),
    team: fc.constantFrom(...TEAMS),
    playbook: fc.option(fc.constantFrom('pb-1', 'pb-2'), { nil: undefined }),
    day: fc.integer({ min: -20, max: 40 }),
    minute: fc.integer({ min: 0, max: 1439 }),
    acknowledged: fc.option(minutes, { nil: undefined }),
    firstStatus: fc.option(minutes, { nil: undefined }),
    end: fc.option(minutes, { nil: undefined }),
    commanderChanges: fc.integer({ min: 0, max: 3 }),
    items: fc.dictionary(fc.constantFrom(...SCENARIO_ITEMS), fc.record({ check: fc.array(minutes, { maxLength: 2 }), skip: fc.option(minutes, { nil: undefined }) })),
  }) satisfies fc.Arbitrary<ScenarioIncident>

const scenarios = fc.integer({ min: 0, max: 12 }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, index) => incident(`i${index}`))))

const options: Omit<TeamReportOptions, 'teamId'> = {
  period: { from: '2026-02-20T00:00:00.000Z', to: '2026-03-25T00:00:00.000Z' },
  now: '2026-03-25T00:00:00.000Z',
}

const reportOfEvents = (events: readonly RecordedEvent[], teamId: string, playbookId?: string) => {
  const result = buildTeamReport(events, { ...options, teamId, ...(playbookId ? { playbookId } : {}) })
  if (E.isLeft(result)) throw new Error(result.left.message)
  return result.right
}
const reportOf = (incidents: readonly ScenarioIncident[], teamId: string, playbookId?: string) =>
  reportOfEvents(scenarioLog(incidents).events, teamId, playbookId)

const streamsOf = (events: readonly RecordedEvent[]) => {
  const streams = new Map<string, RecordedEvent[]>()
  for (const event of events) {
    const stream = streams.get(event.streamId)
    if (stream === undefined) streams.set(event.streamId, [event])
    else stream.push(event)
  }
  return streams
}

describe('buildTeamReport properties', () => {
  it("never lets another team's incidents change a team's report", () => {
    fc.assert(
      fc.property(scenarios, fc.constantFrom(...TEAMS), (incidents, teamId) => {
        const own = incidents.filter((candidate) => candidate.team === teamId)
        const mixed = reportOf(incidents, teamId)
        expect(mixed).toEqual(reportOf(own, teamId))
        const ownIds = new Set(own.map((candidate) => candidate.id))
        expect(mixed.incidents.every((row) => ownIds.has(row.incidentId))).toBe(true)
      }),
      { numRuns: 150 },
    )
  })

  it("needs only teamReportStreams, each stream in order, in any order of streams", () => {
    const playbookIds = fc.option(fc.constantFrom('pb-1', 'pb-2'), { nil: undefined })
    const cases = fc.tuple(scenarios, fc.constantFrom(...TEAMS), playbookIds).chain(([incidents, teamId, playbookId]) => {
      const model = buildReadModel(scenarioLog(incidents).events)
      if (E.isLeft(model)) throw new Error(model.left.message)
      const needed = teamReportStreams(model.right, teamId, playbookId)
      return fc.tuple(fc.constant(incidents), fc.constant(teamId), fc.constant(playbookId), fc.shuffledSubarray(needed, { minLength: needed.length, maxLength: needed.length }))
    })
    fc.assert(
      fc.property(cases, ([incidents, teamId, playbookId, streamOrder]) => {
        const log = scenarioLog(incidents).events
        const streams = streamsOf(log)
        const fromStreams = reportOfEvents(streamOrder.flatMap((streamId) => streams.get(streamId) ?? []), teamId, playbookId)
        expect(fromStreams).toEqual(reportOfEvents(log, teamId, playbookId))
      }),
      { numRuns: 150 },
    )
  })

  it("reads the team's incident streams and the playbooks they used, nothing else", () => {
    fc.assert(
      fc.property(scenarios, fc.constantFrom(...TEAMS), (incidents, teamId) => {
        const model = buildReadModel(scenarioLog(incidents).events)
        if (E.isLeft(model)) throw new Error(model.left.message)
        const own = incidents.filter((candidate) => candidate.team === teamId)
        const used = new Set(own.flatMap((candidate) => (candidate.playbook ? [playbookStreamId(candidate.playbook)] : [])))
        const expected = [...own.map((candidate) => incidentStreamId(candidate.id)), ...used]
        expect(teamReportStreams(model.right, teamId).sort()).toEqual(expected.sort())
      }),
      { numRuns: 100 },
    )
  })

  it('sees every incident as buildReadModel does as of the same time, however skewed the clocks that stamped the log', () => {
    const skews = fc.array(fc.integer({ min: -600, max: 600 }), { maxLength: 80 })
    fc.assert(
      fc.property(scenarios, skews, fc.nat(), (incidents, skew, pick) => {
        const events = scenarioLog(incidents).events.map((event, index) => ({ ...event, occurredAt: minutesAfter(event.occurredAt, skew[index] ?? 0) }))
        // The end is an event's own time: the cut goes through a stream, and that event tests the boundary.
        const end = events[pick % Math.max(events.length, 1)]?.occurredAt ?? SCENARIO_DAY_ZERO
        // A report's period ends before `end`; buildReadModel keeps an event at its time, so it is asked for the millisecond before.
        const model = buildReadModel(events, { asOf: { time: new Date(Date.parse(end) - 1).toISOString() } })
        if (E.isLeft(model)) throw new Error(model.left.message)
        expect(reportFactsSource(events).until(end)).toEqual(reportFactsOf(model.right))
      }),
      { numRuns: 150 },
    )
  })

  it('keeps started = the rows, each row counted once per metric, and every summary explained by the rows', () => {
    fc.assert(
      fc.property(scenarios, fc.constantFrom(...TEAMS), fc.option(fc.constantFrom('pb-1', 'pb-2'), { nil: undefined }), (incidents, teamId, playbookId) => {
        const built = reportOf(incidents, teamId, playbookId)
        expect(built.summary.started).toBe(built.incidents.length)
        for (const result of built.summary.metrics) {
          expect(result.summary.count + result.missingPoint + result.negative).toBe(built.incidents.length)
        }
        expect(built.perWeek.reduce((sum, week) => sum + week.started, 0)).toBe(built.summary.started)
        for (const result of built.summary.metrics) {
          const fromRows = built.incidents.flatMap((row) => {
            const ms = row.durations[result.metric.name]
            return ms === null || ms === undefined || ms < 0 ? [] : [ms]
          })
          expect(summarizeDurations(fromRows)).toEqual(result.summary)
        }
        if (playbookId) expect(built.incidents.every((row) => row.playbookId === playbookId)).toBe(true)
      }),
      { numRuns: 150 },
    )
  })
})
