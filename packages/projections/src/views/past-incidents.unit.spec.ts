import * as E from 'fp-ts/lib/Either.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { pastIncidents as pastIncidentsOrError, type IncidentReadModel } from '../index.js'
import { modelOf, ms } from '../../test/build-model.js'
import { outageScenario } from '../../test/outage-scenario.js'
import { createIncidentScenario } from '../testing/incident-scenario.js'

let scenario: Awaited<ReturnType<typeof outageScenario>>
let model: IncidentReadModel

beforeAll(async () => {
  scenario = await outageScenario()
  model = modelOf(scenario.events)
})

/** The page, for filters these tests know to be valid. */
const pastIncidents = (...args: Parameters<typeof pastIncidentsOrError>) => {
  const page = pastIncidentsOrError(...args)
  if (E.isLeft(page)) throw new Error(page.left.message)
  return page.right
}

describe('pastIncidents', () => {
  it("lists the team's ended incidents, most recently ended first, with duration, commander, playbook and severity", () => {
    const { times } = scenario
    const page = pastIncidents(model, 'ops')
    expect(page.total).toBe(2)
    expect(page.incidents).toEqual([
      {
        incidentId: 'api',
        name: 'API down',
        commanderId: 'erin',
        playbookId: 'pb-outage',
        playbookTitle: 'Outage',
        severity: 'sev1',
        channel: { id: 'ch-api', name: 'incident-api-down', url: null },
        startedAt: times.started,
        endedAt: times.apiEnded,
        durationMs: ms(times.started!, times.apiEnded!),
      },
      expect.objectContaining({ incidentId: 'older', commanderId: 'dave', playbookTitle: null, severity: null, durationMs: ms(times.olderStarted!, times.olderEnded!) }),
    ])
  })

  it('never lists active incidents or other teams', () => {
    expect(pastIncidents(model, 'web-team').total).toBe(0)
    const ids = pastIncidents(model, 'ops').incidents.map((i) => i.incidentId)
    expect(ids).not.toContain('db')
  })

  it('filters by start time, commander, playbook and text in the name', () => {
    const { times } = scenario
    const ids = (filters: Parameters<typeof pastIncidents>[2]) => pastIncidents(model, 'ops', filters).incidents.map((i) => i.incidentId)
    expect(ids({ startedFrom: times.started })).toEqual(['api'])
    expect(ids({ startedBefore: times.started })).toEqual(['older'])
    expect(ids({ startedFrom: times.olderStarted, startedBefore: times.olderEnded })).toEqual(['older'])
    expect(ids({ commanderId: 'erin' })).toEqual(['api'])
    expect(ids({ commanderId: 'bob' })).toEqual([])
    expect(ids({ playbookId: 'pb-outage' })).toEqual(['api'])
    expect(ids({ nameContains: 'DISK' })).toEqual(['older'])
    expect(ids({ nameContains: 'api', commanderId: 'dave' })).toEqual([])
  })

  it('pages through the matches and keeps the total', () => {
    const all = pastIncidents(model, 'ops').incidents
    const first = pastIncidents(model, 'ops', { limit: 1 })
    const second = pastIncidents(model, 'ops', { limit: 1, offset: 1 })
    const beyond = pastIncidents(model, 'ops', { limit: 1, offset: 2 })
    expect([...first.incidents, ...second.incidents]).toEqual(all)
    expect([first.total, second.total, beyond.total]).toEqual([2, 2, 2])
    expect(beyond.incidents).toEqual([])
    expect(second).toMatchObject({ offset: 1, limit: 1 })
  })

  it('rejects a malformed filter, naming it, instead of ignoring it', () => {
    const failure = (filters: Parameters<typeof pastIncidentsOrError>[2]) => {
      const page = pastIncidentsOrError(model, 'ops', filters)
      return E.isLeft(page) ? page.left : undefined
    }
    expect(failure({ startedFrom: 'last tuesday' })).toMatchObject({ field: 'startedFrom', message: expect.stringContaining('last tuesday') })
    // Date.parse reads this one (as local time); the filter says ISO-8601 and means it.
    expect(failure({ startedBefore: 'March 1, 2026' })).toMatchObject({ field: 'startedBefore' })
    expect(failure({ startedBefore: '2026-13-45' })).toMatchObject({ field: 'startedBefore' })
    expect(failure({ offset: -1 })).toMatchObject({ field: 'offset' })
    expect(failure({ limit: 2.5 })).toMatchObject({ field: 'limit' })
    expect(failure({ startedFrom: scenario.times.started, limit: 0 })).toBeUndefined()
  })
})

describe('pastIncidents nameContains', () => {
  const NAMES = ['İstanbul DC down', 'Straße closed', 'STRASSE open', 'Café payments slow', 'API down', 'ﬁle server full', 'Σίσυφος loop']
  let named: IncidentReadModel

  beforeAll(async () => {
    const s = createIncidentScenario('2026-03-02T08:00:00.000Z')
    for (const [index, name] of NAMES.entries()) {
      await s.advance(60_000).run('alice', { type: 'StartIncident', incidentId: `i${index}`, teamId: 'ops', name })
      await s.advance(60_000).run('alice', { type: 'EndIncident', incidentId: `i${index}` })
    }
    named = modelOf(await s.events())
  })

  const matching = (nameContains: string) =>
    pastIncidents(named, 'ops', { nameContains })
      .incidents.map((incident) => incident.name)
      .sort()

  it.each([
    ['istanbul', ['İstanbul DC down']],
    ['İSTANBUL', ['İstanbul DC down']],
    ['İstanbul', ['İstanbul DC down']],
    ['strasse', ['STRASSE open', 'Straße closed']],
    ['STRAẞE', ['STRASSE open', 'Straße closed']],
    ['straße', ['STRASSE open', 'Straße closed']],
    ['cafe', ['Café payments slow']],
    ['CAFÉ', ['Café payments slow']],
    ['café', ['Café payments slow']],
    ['api DOWN', ['API down']],
    ['down', ['API down', 'İstanbul DC down']],
    ['file', ['ﬁle server full']],
    ['ΣΊΣΥΦΟΣ', ['Σίσυφος loop']],
    ['xyz', []],
  ] as const)('%j matches %j whatever the case or accents', (needle, names) => {
    expect(matching(needle)).toEqual([...names].sort())
  })
})
