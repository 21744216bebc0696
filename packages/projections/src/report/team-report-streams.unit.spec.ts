import { createCommandHandler, createInMemoryEventStore, incidentStreamId, manualClock, playbookStreamId, readWholeLog, uuidGenerator, type Command, type EventStore } from '@incident-kit/core'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { buildReadModel } from '../model/build-read-model.js'
import { renderReportMarkdown } from '../render/render-report.js'
import { precedingPeriods } from './report-period.js'
import { DEFAULT_RECENT_DAYS, buildTeamReport } from './team-report.js'
import { teamReportStreams } from './team-report-streams.js'

const NOW = '2026-06-30T00:00:00.000Z'
const { current, previous } = precedingPeriods(NOW, DEFAULT_RECENT_DAYS)

/**
 * A team's log with incidents before, in, spanning and after the report's windows (the last 60
 * days before `NOW`): each `[start, end, reopen?, end again?]`, in days before `NOW`.
 */
const LIFETIMES: Readonly<Record<string, readonly number[]>> = {
  longAgo: [200, 199],
  endedJustBefore: [70, 61],
  spanningPrevious: [65, 45],
  inPrevious: [50, 40],
  spanningBoth: [62],
  inCurrent: [20, 10],
  stillActive: [5],
  reopenedIntoPrevious: [120, 118, 35, 34],
  reopenedIntoCurrent: [300, 290, 200, 150, 3],
  reopenedBeforeWindows: [150, 140, 100, 90],
  afterNow: [-2],
}

const writeLog = async (): Promise<EventStore> => {
  const store = createInMemoryEventStore()
  const clock = manualClock(NOW)
  const handler = createCommandHandler({ store, clock, ids: uuidGenerator })
  let commands = 0
  const at = async (daysBefore: number, command: Command) => {
    clock.set(new Date(Date.parse(NOW) - daysBefore * 86_400_000).toISOString())
    const done = await handler.handle(command, { commandId: `c${++commands}`, actorId: 'alice' })
    if (E.isLeft(done)) throw new Error(done.left.message)
  }
  await at(400, { type: 'CreatePlaybook', playbookId: 'pb', teamId: 'ops', title: 'Outage', checklists: [{ sectionId: 's1', title: 'Triage', items: [{ itemId: 'i1', title: 'Page' }] }] })
  for (const [incidentId, [start, ...changes]] of Object.entries(LIFETIMES)) {
    await at(start!, { type: 'StartIncident', incidentId, teamId: 'ops', name: incidentId, commanderId: 'bob', playbookId: 'pb', checklists: [] })
    for (const [i, day] of changes.entries()) await at(day, { type: i % 2 === 0 ? 'EndIncident' : 'ReopenIncident', incidentId })
  }
  await at(100, { type: 'StartIncident', incidentId: 'otherTeam', teamId: 'dev', name: 'otherTeam', commanderId: 'bob', checklists: [] })
  return store
}

const reportFrom = async (store: EventStore, streams: readonly string[]) => {
  const events = (await Promise.all(streams.map((streamId) => store.readStream(streamId)))).flat()
  const report = buildTeamReport(events, { teamId: 'ops', period: current, now: NOW })
  if (E.isLeft(report)) throw new Error(report.left.message)
  return report.right
}

describe('teamReportStreams over periods', () => {
  it('gives the same report as every stream of the team, reading only the incidents that can count in its windows', async () => {
    const store = await writeLog()
    const model = buildReadModel(await readWholeLog(store))
    if (E.isLeft(model)) throw new Error('the log does not fold')
    const narrowed = teamReportStreams(model.right, 'ops', undefined, [current, previous])
    const everyStream = await reportFrom(store, teamReportStreams(model.right, 'ops'))
    expect(await reportFrom(store, narrowed)).toEqual(everyStream)
    expect(renderReportMarkdown(await reportFrom(store, narrowed))).toBe(renderReportMarkdown(everyStream))
    expect(everyStream.recent?.previous.ended).toBeGreaterThan(0)
    expect(narrowed.sort()).toEqual(
      ['spanningPrevious', 'inPrevious', 'spanningBoth', 'inCurrent', 'stillActive', 'reopenedIntoPrevious', 'reopenedIntoCurrent']
        .map(incidentStreamId)
        .concat(playbookStreamId('pb'))
        .sort(),
    )
  })
})
