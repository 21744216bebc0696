import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import {
  createCommandHandler,
  createInMemoryEventStore,
  manualClock,
  sequentialIds,
  type ChecklistSectionSpec,
  type Command,
  type EventStore,
} from '@incident-kit/core'
import { newTestBatch } from '@incident-kit/core/testing'
import { describe, expect, it } from 'vitest'
import { exportEventLog } from './export-event-log.js'
import { importEventLog } from './import-event-log.js'
import { parseEventLog } from './parse-event-log.js'

const incidents = ['inc-a', 'inc-b', 'inc-c']
const items = ['item-1', 'item-2', 'item-3', 'item-4']
const users = ['alice', 'bob', 'Zoë', 'ops@example.com']
const text = fc.string({ unit: 'grapheme', maxLength: 30 })
const title = text.filter((s) => s.trim() !== '')
const time = fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2027-01-01T00:00:00Z') }).map((ms) => new Date(ms).toISOString())

const checklist: ChecklistSectionSpec[] = [{ sectionId: 'sec', title: 'Steps', items: items.slice(0, 3).map((itemId) => ({ itemId, title: `Do ${itemId}` })) }]

const start = (incidentId: string): fc.Arbitrary<Command> =>
  fc.record({
    type: fc.constant('StartIncident' as const),
    incidentId: fc.constant(incidentId),
    teamId: fc.constantFrom('team-1', 'team-2'),
    name: title,
    checklists: fc.constant(checklist),
  })

const onIncident = fc.constantFrom(...incidents)
const item = fc.constantFrom(...items)
const commandArbitrary: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ type: fc.constantFrom('CheckItem' as const, 'UncheckItem' as const, 'SkipItem' as const, 'RestoreItem' as const), incidentId: onIncident, itemId: item }),
  fc.record({ type: fc.constant('AssignItem' as const), incidentId: onIncident, itemId: item, assigneeId: fc.option(fc.constantFrom(...users), { nil: null }) }),
  fc.record({ type: fc.constant('AddItem' as const), incidentId: onIncident, sectionId: fc.constant('sec'), itemId: item, title }),
  fc.record({ type: fc.constant('AddNote' as const), incidentId: onIncident, text: title }),
  fc.record({ type: fc.constant('PostStatusUpdate' as const), incidentId: onIncident, message: title }),
  fc.record({ type: fc.constant('SetMetadata' as const), incidentId: onIncident, key: title, value: fc.option(text, { nil: null }) }),
  fc.record({ type: fc.constant('ChangeCommander' as const), incidentId: onIncident, commanderId: fc.constantFrom(...users) }),
  fc.record({ type: fc.constant('SetMilestone' as const), incidentId: onIncident, milestone: fc.constantFrom('detected', 'mitigated', 'resolved'), at: time }),
  fc.record({ type: fc.constantFrom('EndIncident' as const, 'ReopenIncident' as const), incidentId: onIncident }),
)

const logArbitrary = fc.record({
  starts: fc.tuple(...incidents.map(start)),
  steps: fc.array(fc.record({ command: commandArbitrary, actorId: fc.constantFrom(...users), advanceMs: fc.nat(3_600_000) }), { maxLength: 40 }),
})

/** Plays generated commands through the handler: whatever decide accepts is a valid log. */
interface GeneratedLog {
  readonly starts: readonly Command[]
  readonly steps: ReadonlyArray<{ command: Command; actorId: string; advanceMs: number }>
}

const playLog = async (store: EventStore, { starts, steps }: GeneratedLog) => {
  const clock = manualClock('2026-02-01T00:00:00.000Z')
  const handler = createCommandHandler({ store, clock, ids: sequentialIds() })
  const all = [...starts.map((command) => ({ command, actorId: 'alice', advanceMs: 1000 })), ...steps]
  for (const [index, { command, actorId, advanceMs }] of all.entries()) {
    clock.advance(advanceMs)
    await handler.handle(command, { commandId: `cmd-${index}`, actorId })
  }
}

const exportText = async (store: EventStore) => {
  const lines: string[] = []
  await exportEventLog(store, { write: (line) => void lines.push(line) })
  return lines.join('')
}

describe('export and import', () => {
  it('round-trip any valid log; a second import appends nothing', async () => {
    await fc.assert(
      fc.asyncProperty(logArbitrary, async (generated) => {
        const source = createInMemoryEventStore()
        await playLog(source, generated)
        const exported = await exportText(source)
        const parsed = parseEventLog(exported)
        if (E.isLeft(parsed)) throw new Error(parsed.left.map((e) => e.message).join('\n'))
        const target = createInMemoryEventStore()
        const first = await importEventLog(target, parsed.right)
        expect(E.isRight(first) && first.right.appended).toBe(parsed.right.length)
        expect(await exportText(target)).toBe(exported)
        // Nothing is left to append, so the check for ids stored elsewhere reads no log.
        const logReads: unknown[] = []
        const counted: EventStore = { ...target, readAll: (options) => (logReads.push(options), target.readAll(options)) }
        const second = await importEventLog(counted, parsed.right)
        expect(E.isRight(second) && second.right).toEqual({ appended: 0, alreadyPresent: parsed.right.length, streams: incidents.length })
        expect(logReads).toEqual([])
      }),
      { numRuns: 100 },
    )
  })

  it("gives one command's events the recordedat of its first line, as a store records a command at once", async () => {
    const source = createInMemoryEventStore({ now: () => '2026-02-01T10:00:00.000Z' })
    const [started, note] = newTestBatch(2)
    const data = { incidentId: 'inc-a', teamId: 't', name: 'A', channelName: 'a', commanderId: 'alice', reporterId: 'alice', checklists: [] }
    await source.appendToStream('incident-inc-a', [{ ...started!, type: 'incident.started', data }, note!], { expectedVersion: 'no_stream' })
    const [first, second] = (await exportText(source)).trim().split('\n')
    const edited = [first, second!.replace('"recordedat":"2026-02-01T10:00:00.000Z"', '"recordedat":"2026-02-01T10:00:05.000Z"')].join('\n')
    expect(edited).toContain('10:00:05')
    const parsed = parseEventLog(edited)
    if (E.isLeft(parsed)) throw new Error(parsed.left.map((e) => e.message).join('\n'))
    const target = createInMemoryEventStore()
    expect(E.isRight(await importEventLog(target, parsed.right))).toBe(true)
    expect((await target.readStream('incident-inc-a')).map((e) => e.recordedAt)).toEqual(['2026-02-01T10:00:00.000Z', '2026-02-01T10:00:00.000Z'])
  })
})
