import * as E from 'fp-ts/lib/Either.js'
import { createInMemoryEventStore } from '@incident-kit/core'
import { beforeAll, describe, expect, it } from 'vitest'
import { runDemoScenario } from '../demo/run-demo-scenario.js'
import { exportEventLog } from './export-event-log.js'
import { MAX_REPORTED_ERRORS } from './format-line-errors.js'
import { parseEventLog } from './parse-event-log.js'
import { formatLineError } from './parse-log-line.js'

const lines: string[] = []
/** The demo's whole log: its playbooks' streams too. */
const allLines: string[] = []

beforeAll(async () => {
  const store = createInMemoryEventStore()
  await runDemoScenario(store)
  await exportEventLog(store, { incidentId: 'demo-leaked-cloud-key', write: (line) => void lines.push(line.trimEnd()) })
  await exportEventLog(store, { write: (line) => void allLines.push(line.trimEnd()) })
})

const errorsOf = (text: string) => {
  const parsed = parseEventLog(text)
  if (E.isRight(parsed)) throw new Error('expected the log to be rejected')
  return parsed.left.map(formatLineError)
}

const edit = (index: number, change: (event: Record<string, unknown>) => void) =>
  lines.map((line, i) => {
    if (i !== index) return line
    const event = JSON.parse(line) as Record<string, unknown>
    change(event)
    return JSON.stringify(event)
  })

describe('parseEventLog', () => {
  it('accepts an exported log, blank lines and CRLF included', () => {
    const parsed = parseEventLog(`${lines.join('\r\n')}\n\n`)
    expect(E.isRight(parsed) && parsed.right.map((l) => l.event.id)).toEqual(lines.map((l) => (JSON.parse(l) as { id: string }).id))
  })

  it('accepts a file that starts with a UTF-8 byte-order mark, as some editors save it', () => {
    const parsed = parseEventLog(`\uFEFF${lines.join('\n')}`)
    expect(E.isRight(parsed) && parsed.right.length).toBe(lines.length)
  })

  it('rejects an empty file', () => {
    expect(errorsOf('')).toEqual(['line 1: the file holds no events (it is empty)'])
    expect(errorsOf('\n  \n')).toEqual(['line 1: the file holds no events (it is empty)'])
  })

  it('names the line of invalid JSON', () => {
    const broken = [...lines]
    broken[2] = '{"specversion": "1.0",'
    expect(errorsOf(broken.join('\n'))).toEqual([expect.stringMatching(/^line 3: invalid JSON/)])
  })

  it('names a line that is JSON but not an object', () => {
    expect(errorsOf([lines[0], '[1,2]'].join('\n'))).toEqual(['line 2: expected a JSON object (one CloudEvent per line)'])
  })

  it('names an unknown event type', () => {
    const log = edit(4, (e) => (e.type = 'incident.exploded'))
    expect(errorsOf(log.join('\n'))).toEqual(['line 5: unknown event type "incident.exploded"'])
  })

  it('names a missing field', () => {
    const log = edit(3, (e) => delete e.subject)
    expect(errorsOf(log.join('\n'))).toEqual(['line 4: missing field "subject"'])
    const noData = edit(6, (e) => delete e.data)
    expect(errorsOf(noData.join('\n'))).toEqual(['line 7: missing field "data"'])
  })

  it('names invalid data for the type', () => {
    const log = edit(1, (e) => (e.data = { channelId: 42 }))
    expect(errorsOf(log.join('\n'))).toEqual([expect.stringMatching(/^line 2: invalid data for incident\.channel_linked: /)])
  })

  it('names malformed envelope values', () => {
    expect(errorsOf(edit(0, (e) => (e.streamversion = '1')).join('\n'))).toEqual(['line 1: field "streamversion" must be an integer from 1, got "1"'])
    expect(errorsOf(edit(0, (e) => (e.time = 'yesterday')).join('\n'))).toEqual([expect.stringMatching(/^line 1: field "time" must be an ISO-8601 UTC timestamp/)])
    expect(errorsOf(edit(0, (e) => (e.specversion = '0.3')).join('\n'))).toEqual(['line 1: unsupported specversion "0.3" (expected "1.0")'])
  })

  it('names text no store keeps, so that an import of the file writes nothing', () => {
    const nul = edit(0, (e) => ((e.data as Record<string, unknown>).title = 'Leaked\u0000key'))
    expect(errorsOf(nul.join('\n'))).toEqual(['line 1: data.title contains a NUL character (U+0000), which no store keeps'])
    const surrogate = edit(2, (e) => (e.actorid = 'alice\ud800'))
    expect(errorsOf(surrogate.join('\n'))).toEqual(['line 3: actorid contains a lone UTF-16 surrogate (not valid Unicode), which no store keeps'])
  })

  it('names an incident.started in a stream other than its incident\'s, which views would show under the wrong name', () => {
    const renamed = lines.map((line) => line.replaceAll('"subject":"incident-demo-leaked-cloud-key"', '"subject":"incident-other"'))
    expect(errorsOf(renamed.join('\n'))).toEqual([
      'line 1: the incident.started of incident demo-leaked-cloud-key belongs to the stream "incident-demo-leaked-cloud-key", not "incident-other"',
    ])
    const twin = edit(0, (e) => Object.assign(e, { id: 'twin-start', subject: 'incident-twin', commandid: 'twin-command' }))[0]!
    expect(errorsOf([...lines, twin].join('\n'))).toEqual([
      `line ${lines.length + 1}: the incident.started of incident demo-leaked-cloud-key belongs to the stream "incident-demo-leaked-cloud-key", not "incident-twin"`,
    ])
  })

  it('names a playbook.created in a stream other than its playbook\'s', () => {
    const created = JSON.parse(allLines.find((line) => line.includes('"type":"playbook.created"'))!) as { data: { playbookId: string } }
    const moved = JSON.stringify({ ...created, subject: 'playbook-other' })
    expect(errorsOf(moved)).toEqual([`line 1: the playbook.created of playbook ${created.data.playbookId} belongs to the stream "playbook-${created.data.playbookId}", not "playbook-other"`])
  })

  it('names a version gap', () => {
    const log = [...lines.slice(0, 5), ...lines.slice(6)]
    expect(errorsOf(log.join('\n'))).toEqual([`line 6: version gap: incident-demo-leaked-cloud-key jumps from version 5 (line 5) to 7`])
  })

  it('names events out of order', () => {
    const log = [...lines]
    ;[log[3], log[4]] = [log[4]!, log[3]!]
    expect(errorsOf(log.join('\n'))).toEqual([
      'line 4: version gap: incident-demo-leaked-cloud-key jumps from version 3 (line 3) to 5',
      'line 5: events out of order: incident-demo-leaked-cloud-key version 4 comes after version 5 (line 4)',
    ])
  })

  it('names a duplicated event', () => {
    const log = [...lines, lines[2]!]
    expect(errorsOf(log.join('\n'))).toEqual([
      `line ${log.length}: duplicate event id ${(JSON.parse(lines[2]!) as { id: string }).id} (first on line 3)`,
      `line ${log.length}: events out of order: incident-demo-leaked-cloud-key version 3 comes after version ${lines.length} (line ${lines.length})`,
    ])
  })

  it('names a command whose events come back after other lines, which a store would refuse mid-import', () => {
    const firstCommand = (JSON.parse(lines[0]!) as { commandid: string }).commandid
    const log = edit(5, (e) => (e.commandid = firstCommand))
    expect(errorsOf(log.join('\n'))).toEqual([
      `line 6: command ${firstCommand} was already used on line 1 (a command's events are consecutive lines of one stream)`,
    ])
  })

  it('names an incident.started whose checklist lists an item id twice', () => {
    const log = edit(0, (e) => {
      const [section] = (e.data as { checklists: { items: unknown[] }[] }).checklists
      section!.items.push(section!.items[0])
    })
    expect(errorsOf(log.join('\n'))).toEqual(['line 1: incident.started of incident-demo-leaked-cloud-key lists the checklist id infosec-triage-1 twice'])
  })

  it('names an item added to a section the incident does not have, which no view would show', () => {
    const log = edit(13, (e) => ((e.data as { sectionId: string }).sectionId = 'no-such-section'))
    expect(errorsOf(log.join('\n'))).toEqual([
      'line 14: checklist.item_added puts item cloud-review-trail in section no-such-section, which incident-demo-leaked-cloud-key does not have (no checklist would show the item)',
    ])
  })

  it('names an item added with an id the incident already used, which the views would list twice', () => {
    const log = edit(13, (e) => ((e.data as { itemId: string }).itemId = 'infosec-triage-1'))
    expect(errorsOf(log.join('\n'))).toEqual([
      'line 14: checklist.item_added reuses the checklist id infosec-triage-1, which incident-demo-leaked-cloud-key already used (ids of sections and items are never reused)',
    ])
  })

  it('accepts items added to a section it cannot see, in a log exported --since that misses the incident\'s start', () => {
    expect(E.isRight(parseEventLog(lines.slice(13).join('\n')))).toBe(true)
  })

  /** A new event after the log's lines, as another command of the same stream appends it. */
  const appended = (base: string, change: (event: Record<string, unknown>) => void, n = 1) => {
    const event = JSON.parse(base) as Record<string, unknown>
    Object.assign(event, { id: `appended-${n}`, commandid: `appended-command-${n}`, correlationid: `appended-command-${n}`, streamversion: lines.length + n })
    change(event)
    return JSON.stringify(event)
  }
  const lastType = () => (JSON.parse(lines.at(-1)!) as { type: string }).type
  const note = (n: number) => appended(lines.at(-1)!, (e) => Object.assign(e, { type: 'incident.note_added', data: { text: `note ${n}` } }), n)
  const reopen = (n: number) => appended(lines.at(-1)!, (e) => Object.assign(e, { type: 'incident.reopened', data: {} }), n)

  it('names a second incident.started, which replay would take for a new incident and drop the history before it', () => {
    const log = [...lines, appended(lines[0]!, () => undefined)]
    expect(errorsOf(log.join('\n'))).toEqual([
      `line ${log.length}: incident.started at incident-demo-leaked-cloud-key version ${log.length}; a stream is created once, at version 1`,
    ])
  })

  it('names a stream that does not start with its creation event, and a creation at a later version', () => {
    const noteFirst = edit(0, (e) => Object.assign(e, { type: 'incident.note_added', data: { text: 'before the start' } }))
    expect(errorsOf(noteFirst.join('\n'))).toContain(
      'line 1: incident-demo-leaked-cloud-key starts with incident.note_added at version 1; a stream starts with its incident.started',
    )
    const startedSecond = [
      JSON.stringify({ ...(JSON.parse(lines[1]!) as object), streamversion: 1 }),
      JSON.stringify({ ...(JSON.parse(lines[0]!) as object), streamversion: 2 }),
    ]
    expect(errorsOf(startedSecond.join('\n'))).toEqual([
      `line 1: incident-demo-leaked-cloud-key starts with ${(JSON.parse(lines[1]!) as { type: string }).type} at version 1; a stream starts with its incident.started`,
      'line 2: incident.started at incident-demo-leaked-cloud-key version 2; a stream is created once, at version 1',
    ])
    const created = allLines.find((line) => line.includes('"type":"playbook.created"'))!
    const updatedFirst = JSON.stringify({ ...(JSON.parse(created) as object), type: 'playbook.archived', data: {} })
    expect(errorsOf(updatedFirst)).toEqual([expect.stringMatching(/^line 1: playbook-\S+ starts with playbook.archived at version 1; a stream starts with its playbook.created$/)])
  })

  it('refuses a creation event at a later version also in a stream an export --since starts mid-way, but not the missing start', () => {
    expect(E.isRight(parseEventLog(lines.slice(1).join('\n')))).toBe(true)
    const restart = appended(lines[0]!, () => undefined)
    expect(errorsOf([...lines.slice(1), restart].join('\n'))).toEqual([
      `line ${lines.length}: incident.started at incident-demo-leaked-cloud-key version ${lines.length + 1}; a stream is created once, at version 1`,
    ])
  })

  it('names events after incident.ended other than a reopen, and a reopen of an incident that is not ended, as decide refuses them', () => {
    expect(lastType()).toBe('incident.ended')
    const end = lines.length
    expect(errorsOf([...lines, note(1)].join('\n'))).toEqual([
      `line ${end + 1}: incident.note_added after the incident.ended of incident-demo-leaked-cloud-key (line ${end}) without an incident.reopened (an ended incident takes nothing but a reopen)`,
    ])
    const endedTwice = appended(lines.at(-1)!, () => undefined)
    expect(errorsOf([...lines, endedTwice].join('\n'))).toEqual([
      `line ${end + 1}: incident.ended after the incident.ended of incident-demo-leaked-cloud-key (line ${end}) without an incident.reopened (an ended incident takes nothing but a reopen)`,
    ])
    expect(errorsOf([...lines, reopen(1), reopen(2)].join('\n'))).toEqual([
      `line ${end + 2}: incident.reopened of incident-demo-leaked-cloud-key, which is not ended (only an ended incident is reopened)`,
    ])
  })

  it('accepts what decide allows: a reopen after the end and events after it, and a reopen in a file that starts after the end', () => {
    expect(E.isRight(parseEventLog([...lines, reopen(1), note(2)].join('\n')))).toBe(true)
    expect(E.isRight(parseEventLog([reopen(1), note(2)].join('\n')))).toBe(true)
  })

  it('names an event after playbook.archived, which no command appends', () => {
    const created = JSON.parse(allLines.find((line) => line.includes('"type":"playbook.created"'))!) as Record<string, unknown>
    const next = (version: number, type: string) => JSON.stringify({ ...created, id: `pb-${version}`, commandid: `pb-${version}`, correlationid: `pb-${version}`, streamversion: version, type, data: {} })
    expect(errorsOf([JSON.stringify(created), next(2, 'playbook.archived'), next(3, 'playbook.archived')].join('\n'))).toEqual([
      `line 3: playbook.archived after the playbook.archived of ${String(created.subject)} (line 2) (an archived playbook takes no more events)`,
    ])
  })

  it('defaults a missing correlationid to the commandid', () => {
    const log = edit(0, (e) => delete e.correlationid)
    const parsed = parseEventLog(log.join('\n'))
    expect(E.isRight(parsed) && parsed.right[0]!.event.correlationId).toBe((JSON.parse(lines[0]!) as { commandid: string }).commandid)
  })

  it('reads blank actor, command and correlation ids as they are: a store holds them (release 0.1.0 wrote a blank commandId)', () => {
    const log = edit(4, (e) => Object.assign(e, { actorid: '', commandid: '', correlationid: '' }))
    const parsed = parseEventLog(log.join('\n'))
    expect(E.isRight(parsed) && parsed.right[4]!.event).toMatchObject({ actorId: '', commandId: '', correlationId: '' })
    expect(errorsOf(edit(4, (e) => (e.commandid = 7)).join('\n'))).toEqual(['line 5: field "commandid" must be a string'])
    expect(errorsOf(edit(4, (e) => (e.correlationid = null)).join('\n'))).toEqual(['line 5: field "correlationid" must be a string'])
  })

  it(`finds every problem of a line beyond the ${MAX_REPORTED_ERRORS}th, so that a message can count those it leaves out`, () => {
    const broken = Array.from({ length: MAX_REPORTED_ERRORS + 5 }, () => '{bad')
    expect(errorsOf(broken.join('\n'))).toHaveLength(MAX_REPORTED_ERRORS + 5)
    const duplicated = [...lines, ...Array.from({ length: MAX_REPORTED_ERRORS + 5 }, () => lines[0]!)]
    expect(errorsOf(duplicated.join('\n')).filter((error) => error.includes('duplicate event id'))).toHaveLength(MAX_REPORTED_ERRORS + 5)
  })
})
