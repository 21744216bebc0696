import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { Command } from '../commands/command.js'
import { decodeCommand } from '../commands/command.js'
import { createInMemoryEventStore } from '../in-memory/in-memory-event-store.js'
import { manualClock } from '../ports/clock.js'
import { sequentialIds } from '../ports/id-generator.js'
import { newTestEvent } from '../testing/event-fixtures.js'
import { createCommandHandler } from './command-handler.js'

const TOO_MANY = [6_000_000, 5e9, 2e11]

const setup = () => {
  const store = createInMemoryEventStore()
  const handler = createCommandHandler({ store, clock: manualClock('2026-03-01T09:00:00.000Z'), ids: sequentialIds() })
  let n = 0
  const run = (command: Command) => handler.handle(command, { commandId: `c${++n}`, actorId: 'alice' })
  return { store, run }
}

const playbookWithDueOffset = (dueAfterMinutes: number): Command => ({
  type: 'CreatePlaybook',
  playbookId: 'pb',
  teamId: 't',
  title: 'Outage',
  checklists: [{ sectionId: 's', title: 'Triage', items: [{ itemId: 'a', title: 'Page', dueAfterMinutes }] }],
})

describe('minutes beyond any date', () => {
  it.each(TOO_MANY)('refuses %d minutes as a playbook due offset or reminder interval', async (minutes) => {
    const { run } = setup()
    expect(await run(playbookWithDueOffset(minutes))).toMatchObject(E.left({ _tag: 'InvalidCommand', field: 'checklists.0.items.0.dueAfterMinutes' }))
    expect(await run({ type: 'StartIncident', incidentId: 'i', teamId: 't', name: 'x', statusUpdateIntervalMinutes: minutes })).toMatchObject(
      E.left({ _tag: 'InvalidCommand', field: 'statusUpdateIntervalMinutes' }),
    )
    expect(decodeCommand({ type: 'StartIncident', incidentId: 'i', teamId: 't', name: 'x', statusUpdateIntervalMinutes: minutes })).toMatchObject(
      E.left({ _tag: 'InvalidCommand', field: expect.stringContaining('statusUpdateIntervalMinutes') }),
    )
  })

  // 6e6 minutes (year 2037) is still a date, so an old playbook with it still works.
  it.each(TOO_MANY.slice(1))('refuses to start from a playbook stored earlier with a %d-minute offset, and appends nothing', async (minutes) => {
    const { store, run } = setup()
    const { type: _type, ...data } = playbookWithDueOffset(minutes) as Extract<Command, { type: 'CreatePlaybook' }>
    await store.appendToStream('playbook-pb', [newTestEvent({ type: 'playbook.created', data })], { expectedVersion: 'no_stream' })
    const result = await run({ type: 'StartIncident', incidentId: 'i', teamId: 't', name: 'x', playbookId: 'pb' })
    expect(result).toMatchObject(E.left({ _tag: 'InvalidCommand', field: expect.stringContaining('dueAfterMinutes') }))
    expect(await store.readStream('incident-i')).toEqual([])
  })
})
