import { beforeAll, describe, expect, it } from 'vitest'
import { timeline, type IncidentReadModel } from '../index.js'
import { modelOf, ms } from '../../test/build-model.js'
import { outageScenario } from '../../test/outage-scenario.js'

let scenario: Awaited<ReturnType<typeof outageScenario>>
let model: IncidentReadModel
const DETECTED_AT = '2026-03-01T09:20:00.000Z'

beforeAll(async () => {
  scenario = await outageScenario()
  model = modelOf(scenario.events)
})

const entryAt = (time: string | undefined, type: string) => timeline(model, 'api')!.find((e) => e.occurredAt === time && e.type === type)!

describe('timeline', () => {
  it('has one entry per event of the incident, and no other', () => {
    const entries = timeline(model, 'api')!
    const streamPositions = scenario.events.filter((e) => e.streamId === 'incident-api').map((e) => e.position)
    expect(entries.map((e) => e.position).sort()).toEqual([...streamPositions].sort())
    expect(timeline(model, 'nope')).toBeUndefined()
  })

  it('orders entries by time and measures each from the start', () => {
    const { times } = scenario
    const entries = timeline(model, 'api')!
    for (const [previous, next] of entries.slice(1).map((e, i) => [entries[i]!, e] as const)) {
      expect(Date.parse(previous.at)).toBeLessThanOrEqual(Date.parse(next.at))
    }
    for (const entry of entries) expect(entry.offsetFromStart).toBe(ms(times.started!, entry.at))
  })

  it('places a milestone set after the fact at the time it names', () => {
    const { times } = scenario
    const entries = timeline(model, 'api')!
    const milestone = entries.find((e) => e.type === 'incident.milestone_set')!
    expect(milestone).toMatchObject({ at: DETECTED_AT, occurredAt: times.detected, offsetFromStart: ms(times.started!, DETECTED_AT) })
    // 09:20 is before the incident started, so it comes first, with a negative offset.
    expect(Date.parse(DETECTED_AT)).toBeLessThan(Date.parse(times.started!))
    expect(entries[0]).toEqual(milestone)
    expect(milestone.offsetFromStart).toBeLessThan(0)
  })

  it('writes sentences with titles as they were at that time', () => {
    const { times } = scenario
    expect(entryAt(times.rollbackChecked, 'checklist.item_checked').text).toBe("@carol checked 'Roll back deploy'")
    expect(entryAt(times.rollbackRenamed, 'checklist.item_renamed').text).toBe("@bob renamed 'Roll back deploy' to 'Roll back deploy 4711'")
    expect(entryAt(times.rollbackRechecked, 'checklist.item_checked').text).toBe("@carol checked 'Roll back deploy 4711'")
    expect(entryAt(times.rollbackAdded, 'checklist.item_added').text).toBe("@bob added 'Roll back deploy' to 'Triage'")
    expect(entryAt(times.rollbackAssigned, 'checklist.item_assigned').text).toBe("@bob assigned 'Roll back deploy' to @carol")
    expect(entryAt(times.commanderChanged, 'incident.commander_changed').text).toBe('@bob changed the commander from @bob to @erin')
    expect(entryAt(times.started, 'incident.started').text).toBe("@alice started the incident 'API down' with @bob as commander")
    expect(entryAt(times.pageSkipped, 'checklist.item_skipped').text).toBe("@bob skipped 'Page on-call'")
  })

  it('shows notes in place, between what happened before and after them', () => {
    const { times } = scenario
    const entries = timeline(model, 'api')!
    const note = entries.findIndex((e) => e.type === 'incident.note_added')
    expect(entries[note]!.text).toBe('@carol added a note: "Deploy 4711 correlates with the errors"')
    expect(entries[note - 1]!.occurredAt).toBe(times.firstStatus)
    // The milestone recorded next names an earlier time, so the next entry is the check after it.
    expect(entries[note + 1]!.occurredAt).toBe(times.rollbackChecked)
  })

  it('filters by type and names users the caller way', () => {
    const entries = timeline(model, 'api', { types: ['incident.status_updated', 'incident.note_added'], mention: (id) => `@${id.toUpperCase()}` })!
    expect(entries.map((e) => e.type)).toEqual(['incident.status_updated', 'incident.note_added', 'incident.status_updated'])
    expect(entries[0]!.text).toBe('@BOB posted a status update: "Investigating elevated 5xx"')
  })
})
