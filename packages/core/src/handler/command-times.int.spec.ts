import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeCommand, type Command } from '../commands/command.js'
import { createInMemoryEventStore } from '../in-memory/in-memory-event-store.js'
import { manualClock } from '../ports/clock.js'
import { sequentialIds } from '../ports/id-generator.js'
import { readWholeLog } from '../ports/read-log-pages.js'
import { createCommandHandler } from './command-handler.js'

/** Every time field a command has, each in a typed command on incident `i` (or starting incident `j`). */
const commandsWithTime: readonly { readonly field: string; readonly command: (time: string) => Command }[] = [
  {
    field: 'checklists.0.items.0.dueAt',
    command: (dueAt) => ({ type: 'StartIncident', incidentId: 'j', teamId: 't', name: 'x', checklists: [{ sectionId: 's', title: 'Triage', items: [{ itemId: 'a', title: 'Page', dueAt }] }] }),
  },
  { field: 'dueAt', command: (dueAt) => ({ type: 'AddItem', incidentId: 'i', sectionId: 'triage', title: 'Page', dueAt }) },
  { field: 'dueAt', command: (dueAt) => ({ type: 'SetItemDue', incidentId: 'i', itemId: 'impact', dueAt }) },
  { field: 'dueAt', command: (dueAt) => ({ type: 'RecordStatusReminder', incidentId: 'i', dueAt }) },
  { field: 'at', command: (at) => ({ type: 'SetMilestone', incidentId: 'i', milestone: 'detected', at }) },
]

/** A handler whose store holds incident `i`, with section `triage` and item `impact`. */
const startedIncident = async () => {
  const store = createInMemoryEventStore()
  const handler = createCommandHandler({ store, clock: manualClock('2026-03-01T09:00:00.000Z'), ids: sequentialIds() })
  let n = 0
  const run = (command: Command) => handler.handle(command, { commandId: `c${++n}`, actorId: 'alice' })
  await run({ type: 'StartIncident', incidentId: 'i', teamId: 't', name: 'API down', checklists: [{ sectionId: 'triage', title: 'Triage', items: [{ itemId: 'impact', title: 'Assess impact' }] }] })
  return { store, run }
}

/** Refused as `decodeCommand` refuses it, naming the field, with nothing appended. */
const expectRefused = async (command: Command, field: string) => {
  const { store, run } = await startedIncident()
  const before = await readWholeLog(store)
  expect(await run(command)).toMatchObject(E.left({ _tag: 'InvalidCommand', field }))
  expect(decodeCommand(command)).toMatchObject(E.left({ _tag: 'InvalidCommand', field: expect.stringContaining(field.split('.').at(-1)!) }))
  expect(await readWholeLog(store)).toEqual(before)
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** A time on a day past its month's end (2026-02-29, 2025-04-31), which `Date` rolls into the next month. */
const impossibleDayTime = fc
  .record({ year: fc.integer({ min: 1970, max: 2400 }), month: fc.constantFrom(2, 4, 6, 9, 11), hour: fc.nat(23), minute: fc.nat(59), second: fc.nat(59) })
  .chain(({ year, month, hour, minute, second }) => {
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
    return fc.integer({ min: daysInMonth + 1, max: 31 }).map((day) => `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}.000Z`)
  })

describe('times in typed commands, handled without decodeCommand', () => {
  it.each(commandsWithTime.map(({ field, command }) => [command('').type, field, command] as const))(
    'refuses a day that does not exist in %s.%s, and appends nothing',
    async (_, field, command) => {
      await expectRefused(command('2026-02-31T10:00:00.000Z'), field)
    },
  )

  it.each(['2026-03-01T24:00:00.000Z', 'tomorrow'])('refuses %s as a due time, as decoding does', async (time) => {
    await expectRefused({ type: 'SetItemDue', incidentId: 'i', itemId: 'impact', dueAt: time }, 'dueAt')
  })

  it('refuses any command with an impossible day, and appends nothing (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...commandsWithTime), impossibleDayTime, async ({ field, command }, time) => {
        await expectRefused(command(time), field)
      }),
      { numRuns: 100 },
    )
  })
})
