import * as E from 'fp-ts/lib/Either.js'
import { createInMemoryEventStore, type EventStore } from '@incident-kit/core'
import { beforeAll, describe, expect, it } from 'vitest'
import { runDemoScenario } from '../demo/run-demo-scenario.js'
import { exportEventLog } from './export-event-log.js'
import { importEventLog } from './import-event-log.js'
import { parseEventLog } from './parse-event-log.js'
import { formatLineError } from './parse-log-line.js'
import { sameJson } from './same-stored-event.js'

let store: EventStore
let lines: string[]

beforeAll(async () => {
  store = createInMemoryEventStore()
  await runDemoScenario(store)
  lines = []
  await exportEventLog(store, { write: (line) => void lines.push(line.trimEnd()) })
})

const importText = async (target: EventStore, text: string) => {
  const parsed = parseEventLog(text)
  if (E.isLeft(parsed)) throw new Error(parsed.left.map(formatLineError).join('\n'))
  const result = await importEventLog(target, parsed.right)
  return E.isLeft(result) ? E.left(result.left.map(formatLineError)) : result
}

const edited = (index: number, change: (event: Record<string, unknown>) => void) =>
  lines.map((line, i) => {
    if (i !== index) return line
    const event = JSON.parse(line) as Record<string, unknown>
    change(event)
    return JSON.stringify(event)
  })

const indexOfType = (type: string) => lines.findIndex((line) => line.includes(`"type":"${type}"`))
const subjectAndVersion = (index: number) => {
  const { subject, streamversion } = JSON.parse(lines[index]!) as { subject: string; streamversion: number }
  return `${subject} version ${streamversion}`
}

describe('importEventLog against a store that holds the events', () => {
  it('counts an unchanged export as already present, also with the keys of data in another order (PostgreSQL keeps none)', async () => {
    expect(await importText(store, lines.join('\n'))).toEqual(E.right({ appended: 0, alreadyPresent: lines.length, streams: expect.any(Number) }))
    const reordered = lines.map((line) => {
      const event = JSON.parse(line) as { data: Record<string, unknown> }
      return JSON.stringify({ ...event, data: Object.fromEntries(Object.entries(event.data).reverse()) })
    })
    expect(reordered).not.toEqual(lines)
    expect(await importText(store, reordered.join('\n'))).toEqual(E.right(expect.objectContaining({ appended: 0, alreadyPresent: lines.length })))
  })

  it("refuses an edited event whose id the store holds, naming the line, the stream version and the fields, and writes nothing", async () => {
    const note = indexOfType('incident.note_added')
    const checked = indexOfType('checklist.item_checked')
    const log = edited(note, (e) => ((e.data as { text: string }).text += ' (edited)'))
    log[checked] = edited(checked, (e) => Object.assign(e, { type: 'checklist.item_skipped', actorid: 'mallory' }))[checked]!
    const before = await store.readAll({ after: '', limit: 10_000 })
    expect(await importText(store, log.join('\n'))).toEqual(
      E.left(
        [
          [checked, `line ${checked + 1}: ${subjectAndVersion(checked)} differs from the event the database holds (fields "type", "actorid")`],
          [note, `line ${note + 1}: ${subjectAndVersion(note)} differs from the event the database holds (field "data")`],
        ]
          .sort(([a], [b]) => Number(a) - Number(b))
          .map(([, message]) => message),
      ),
    )
    expect(await store.readAll({ after: '', limit: 10_000 })).toEqual(before)
  })

  it('compares every attribute of the event but when the store recorded it', async () => {
    const differs = async (change: (event: Record<string, unknown>) => void) => {
      const result = await importText(store, edited(5, change).join('\n'))
      return E.isLeft(result) ? result.left : []
    }
    const field = (name: string) => [`line 6: ${subjectAndVersion(5)} differs from the event the database holds (field "${name}")`]
    expect(await differs((e) => (e.time = '2020-01-01T00:00:00.000Z'))).toEqual(field('time'))
    expect(await differs((e) => (e.commandid = 'another-command'))).toEqual(field('commandid'))
    expect(await differs((e) => (e.correlationid = 'another-correlation'))).toEqual(field('correlationid'))
    expect(await differs((e) => (e.data = { ...(e.data as object), extra: true }))).toEqual(field('data'))
    expect(await differs((e) => (e.recordedat = '2020-01-01T00:00:00.000Z'))).toEqual([])
    expect(await differs((e) => (e.source = 'urn:elsewhere'))).toEqual([])
  })

  it('counts events with blank actor, command and correlation ids as present, as release 0.1.0 stored them', async () => {
    const old = createInMemoryEventStore()
    const started = { incidentId: 'x', teamId: 't', name: 'X', channelName: 'x', commanderId: 'a', reporterId: 'a', checklists: [] }
    const envelope = { occurredAt: '2026-03-01T09:00:00.000Z', schemaVersion: 1 }
    await old.appendToStream('incident-x', [{ ...envelope, id: 'e1', type: 'incident.started', data: started, actorId: 'a', commandId: 'c1', correlationId: '' }], { expectedVersion: 0 })
    await old.appendToStream('incident-x', [{ ...envelope, id: 'e2', type: 'incident.note_added', data: { text: 'hi' }, actorId: '', commandId: '', correlationId: '' }], { expectedVersion: 1 })
    const log: string[] = []
    await exportEventLog(old, { write: (line) => void log.push(line) })
    expect(await importText(old, log.join(''))).toEqual(E.right({ appended: 0, alreadyPresent: 2, streams: 1 }))
  })
})

describe('sameJson', () => {
  it('compares JSON values whatever the order of object keys', () => {
    expect(sameJson({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 })).toBe(true)
    expect(sameJson(-0, 0)).toBe(true)
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false)
    expect(sameJson({ a: undefined }, { b: undefined })).toBe(false)
    expect(sameJson([1, 2], [2, 1])).toBe(false)
    expect(sameJson([], {})).toBe(false)
    expect(sameJson({ 0: 'x' }, ['x'])).toBe(false)
    expect(sameJson('1', 1)).toBe(false)
    expect(sameJson(null, {})).toBe(false)
  })
})
