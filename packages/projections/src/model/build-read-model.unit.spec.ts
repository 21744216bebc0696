import * as E from 'fp-ts/lib/Either.js'
import type { RecordedEvent } from '@incident-kit/core'
import { beforeAll, describe, expect, it } from 'vitest'
import { activeIncidents, buildReadModel, emptyReadModel, incidentDetail, MAX_SKIP_MESSAGES } from '../index.js'
import { modelOf } from '../../test/build-model.js'
import { outageScenario } from '../../test/outage-scenario.js'

let events: readonly RecordedEvent[]
let times: Record<string, string>

beforeAll(async () => {
  ;({ events, times } = await outageScenario())
})

const futureEvent = (base: RecordedEvent, overrides: Partial<RecordedEvent>): RecordedEvent => ({
  ...base,
  id: `${base.id}-future`,
  version: base.version + 1000,
  ...overrides,
})

describe('buildReadModel as of a log position', () => {
  it('equals the model of the log cut right after that event, for every position', () => {
    events.forEach((event, index) => {
      expect(modelOf(events, { asOf: { position: event.position } })).toEqual(modelOf(events.slice(0, index + 1)))
    })
  })

  it('fails clearly for a position that is not in the log', () => {
    const built = buildReadModel(events, { asOf: { position: 'no-such-position' } })
    expect(E.isLeft(built) && built.left).toMatchObject({ _tag: 'AsOfError', reason: 'unknown_position' })
  })
})

describe('buildReadModel as of a time', () => {
  it('includes exactly the events that occurred by then', () => {
    const asOf = times.rollbackChecked!
    const expected = modelOf(events.filter((e) => Date.parse(e.occurredAt) <= Date.parse(asOf)))
    expect(modelOf(events, { asOf: { time: asOf } })).toEqual(expected)
    const rollback = incidentDetail(expected, 'api')!.sections[0]!.items.find((i) => i.itemId === 'rollback')!
    expect(rollback).toMatchObject({ title: 'Roll back deploy', state: 'checked', lastCompletedAt: asOf })
  })

  it('cuts each stream at its first event past the time: a later event that a slow clock stamped earlier stays out with it', () => {
    const asOf = times.rollbackChecked!
    const check = events.find((e) => e.occurredAt === asOf)!
    const before = events.find((e) => e.streamId === check.streamId && e.version === check.version - 1)!
    const fastClock = new Date(Date.parse(asOf) + 60_000).toISOString()
    const skewed = events.map((e) => (e === before ? { ...e, occurredAt: fastClock } : e))
    const expected = modelOf(skewed.filter((e) => (e.streamId === check.streamId ? e.version < before.version : Date.parse(e.occurredAt) <= Date.parse(asOf))))
    const cut = modelOf(skewed, { asOf: { time: asOf } })
    expect(cut).toEqual(expected)
    const rollback = incidentDetail(cut, 'api')!.sections[0]!.items.find((i) => i.itemId === 'rollback')!
    expect(rollback.state).not.toBe('checked')
  })

  it('can cut by recordedAt instead: what a store had recorded then, however long after it happened', () => {
    const recordedLater = '2026-06-01T00:00:00.000Z'
    const late = events.map((e) => ({ ...e, recordedAt: recordedLater }))
    const before = modelOf(late, { asOf: { time: '2026-05-31T00:00:00.000Z', by: 'recordedAt' } })
    expect(before).toEqual(emptyReadModel)
    const byOccurrence = modelOf(late, { asOf: { time: times.started! } })
    expect(activeIncidents(byOccurrence, 'ops').map((i) => i.incidentId)).toEqual(['api'])
  })

  it('fails clearly for a time that is not ISO-8601', () => {
    const built = buildReadModel(events, { asOf: { time: 'yesterday' } })
    expect(E.isLeft(built) && built.left).toMatchObject({ _tag: 'AsOfError', reason: 'invalid_time', message: expect.stringContaining('yesterday') })
  })

  it('fails clearly for a day that does not exist, instead of rolling over into the next month', () => {
    const built = buildReadModel(events, { asOf: { time: '2026-02-31T09:00:00Z' } })
    expect(E.isLeft(built) && built.left).toMatchObject({ _tag: 'AsOfError', reason: 'invalid_time', message: expect.stringContaining('2026-02-31T09:00:00Z') })
  })

  it('reads a time without an offset as UTC, wherever it runs', () => {
    const zoneBefore = process.env.TZ
    process.env.TZ = 'America/New_York'
    try {
      expect(modelOf(events, { asOf: { time: '2026-03-01T09:30' } })).toEqual(modelOf(events, { asOf: { time: '2026-03-01T09:30:00Z' } }))
      expect(modelOf(events, { asOf: { time: '2026-03-01' } })).toEqual(emptyReadModel)
    } finally {
      process.env.TZ = zoneBefore
    }
  })
})

describe('events the model cannot read', () => {
  it('are skipped and counted by reason, and change nothing else', () => {
    const last = events.at(-1)!
    const strange = [
      futureEvent(last, { type: 'incident.escalated', data: { level: 2 }, position: 'x1' }),
      futureEvent(last, { type: 'incident.note_added', schemaVersion: 9, data: { body: 'v9' }, position: 'x2' }),
      futureEvent(last, { type: 'incident.note_added', data: { text: 42 }, position: 'x3' }),
    ]
    const model = modelOf([...events, ...strange])
    const plain = modelOf(events)
    expect(model.skipped).toMatchObject({ unknownType: 1, newerSchema: 1, invalid: 1 })
    expect(model.skipped.lastMessages).toHaveLength(3)
    expect(model.skipped.lastMessages[0]).toContain('incident.escalated')
    expect({ ...model, skipped: plain.skipped }).toEqual(plain)
  })

  it('keep only the last few messages', () => {
    const last = events.at(-1)!
    const many = Array.from({ length: MAX_SKIP_MESSAGES + 5 }, (_, i) =>
      futureEvent(last, { id: `future-${i}`, type: `incident.future_${i}`, position: `f${i}` }),
    )
    const model = modelOf([...events, ...many])
    expect(model.skipped.unknownType).toBe(many.length)
    expect(model.skipped.lastMessages).toHaveLength(MAX_SKIP_MESSAGES)
    expect(model.skipped.lastMessages.at(-1)).toContain(`incident.future_${many.length - 1}`)
  })
})
