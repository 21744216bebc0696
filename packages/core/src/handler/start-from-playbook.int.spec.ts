import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { Command } from '../commands/command.js'
import { createInMemoryEventStore } from '../in-memory/in-memory-event-store.js'
import { manualClock } from '../ports/clock.js'
import { sequentialIds } from '../ports/id-generator.js'
import { newTestEvent } from '../testing/event-fixtures.js'
import { createCommandHandler } from './command-handler.js'

/** A playbook as an older release stored it: its checklist ids were not checked then. */
const storedPlaybook = async (items: readonly Record<string, unknown>[]) => {
  const store = createInMemoryEventStore()
  const data = { playbookId: 'pb', teamId: 't', title: 'Outage', checklists: [{ sectionId: 's', title: 'Triage', items }, { sectionId: 's2', title: 'Recovery', items: [] }] }
  await store.appendToStream('playbook-pb', [newTestEvent({ type: 'playbook.created', data })], { expectedVersion: 'no_stream' })
  const handler = createCommandHandler({ store, clock: manualClock('2026-03-01T09:00:00.000Z'), ids: sequentialIds() })
  const run = (command: Command) => handler.handle(command, { commandId: 'start', actorId: 'alice' })
  return { store, run }
}

describe('starting an incident from a playbook', () => {
  it('still works from a playbook stored with an empty assignee id, copying its checklist as it is', async () => {
    const { run } = await storedPlaybook([{ itemId: 'a', title: 'Page', assigneeId: '' }])
    const result = await run({ type: 'StartIncident', incidentId: 'i', teamId: 't', name: 'x', playbookId: 'pb' })
    expect(result).toMatchObject(E.right([{ type: 'incident.started', data: { checklists: [{ items: [{ itemId: 'a', assigneeId: '' }] }, { sectionId: 's2' }] } }]))
  })

  it('trims the titles of a playbook stored with padded ones, as titles are stored today', async () => {
    const { run } = await storedPlaybook([{ itemId: 'a', title: '  Page the DBA  ' }])
    const result = await run({ type: 'StartIncident', incidentId: 'i', teamId: 't', name: 'x', playbookId: 'pb' })
    expect(result).toMatchObject(E.right([{ type: 'incident.started', data: { checklists: [{ items: [{ itemId: 'a', title: 'Page the DBA' }] }, { sectionId: 's2' }] } }]))
  })

  it("names a field of the command's own checklist as the command has it, after the playbook's sections", async () => {
    const { store, run } = await storedPlaybook([{ itemId: 'a', title: 'Page' }])
    const own = [{ sectionId: 'mine', title: 'Mine', items: [{ itemId: 'b', title: '  ' }] }]
    const result = await run({ type: 'StartIncident', incidentId: 'i', teamId: 't', name: 'x', playbookId: 'pb', checklists: own })
    expect(result).toMatchObject(E.left({ _tag: 'InvalidCommand', field: 'checklists.0.items.0.title' }))
    expect(await store.readStream('incident-i')).toEqual([])
  })
})
