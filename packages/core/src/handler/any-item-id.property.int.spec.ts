import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Command } from '../commands/command.js'
import { createInMemoryEventStore } from '../in-memory/in-memory-event-store.js'
import { manualClock } from '../ports/clock.js'
import { sequentialIds } from '../ports/id-generator.js'
import { incidentInvariantViolations } from '../testing/incident-invariants.js'
import { createCommandHandler } from './command-handler.js'

const anyId = fc.oneof(fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty'), fc.string({ maxLength: 12 }))

const commandsOn = (itemId: string): Command[] => [
  { type: 'AssignItem', incidentId: 'i', itemId, assigneeId: 'bob' },
  { type: 'AddItem', incidentId: 'i', sectionId: 'triage', itemId, title: 'Odd id' },
  { type: 'RenameItem', incidentId: 'i', itemId, title: 'Renamed' },
  { type: 'SetItemDue', incidentId: 'i', itemId, dueAt: '2026-03-02T09:00:00.000Z' },
  { type: 'CheckItem', incidentId: 'i', itemId },
  { type: 'RemoveItem', incidentId: 'i', itemId },
  { type: 'AddNote', incidentId: 'i', text: 'still works' },
]

describe('item ids through the command handler (fast-check)', () => {
  it('no item id string ever makes the incident stream unreadable', async () => {
    await fc.assert(
      fc.asyncProperty(anyId, async (itemId) => {
        const store = createInMemoryEventStore()
        const handler = createCommandHandler({ store, clock: manualClock('2026-03-01T09:00:00.000Z'), ids: sequentialIds() })
        let n = 0
        const run = (command: Command) => handler.handle(command, { commandId: `c${++n}`, actorId: 'alice' })
        await run({ type: 'StartIncident', incidentId: 'i', teamId: 't', name: 'x', checklists: [{ sectionId: 'triage', title: 'Triage', items: [] }] })
        for (const command of commandsOn(itemId)) {
          const result = await run(command)
          if (E.isLeft(result)) expect(result.left._tag).not.toBe('CorruptStream')
        }
        const state = await handler.loadIncident('i')
        expect(E.map(incidentInvariantViolations)(state)).toEqual(E.right([]))
      }),
      { numRuns: 200 },
    )
  })
})
