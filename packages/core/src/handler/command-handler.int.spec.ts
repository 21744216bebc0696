import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { Command } from '../commands/command.js'
import { createInMemoryEventStore } from '../in-memory/in-memory-event-store.js'
import { manualClock } from '../ports/clock.js'
import type { EventStore } from '../ports/event-store.js'
import { sequentialIds } from '../ports/id-generator.js'
import { ConcurrencyError } from '../ports/store-errors.js'
import { createCommandHandler } from './command-handler.js'

const setup = (store: EventStore = createInMemoryEventStore(), idSeed = 0) => {
  const clock = manualClock('2026-03-01T09:00:00.000Z')
  const handler = createCommandHandler({ store, clock, ids: sequentialIds(idSeed), retry: { sleep: async () => {} } })
  let n = 0
  const run = (command: Command, actorId = 'alice') => handler.handle(command, { commandId: `cmd-${++n}`, actorId })
  return { store, clock, handler, run }
}

const playbook: Command = {
  type: 'CreatePlaybook',
  playbookId: 'pb-sec',
  teamId: 'team-1',
  title: 'Security incident',
  defaultSeverity: 'SEV2',
  statusUpdateIntervalMinutes: 15,
  broadcastChannelIds: ['security-announce'],
  checklists: [
    {
      sectionId: 'contain',
      title: 'Contain',
      items: [
        { itemId: 'isolate', title: 'Isolate affected hosts', dueAfterMinutes: 30 },
        { itemId: 'rotate', title: 'Rotate credentials' },
      ],
    },
  ],
}

describe('the command handler', () => {
  it('starts an incident from a playbook, copying its checklist with due dates from the start', async () => {
    const { run, handler, clock } = setup()
    expect(E.isRight(await run(playbook))).toBe(true)
    clock.advance(60_000)
    const result = await run({ type: 'StartIncident', incidentId: 'i1', teamId: 'team-1', name: 'Leaked key', playbookId: 'pb-sec' }, 'bob')
    const events = E.getOrElseW(() => [])(result)
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({
      type: 'incident.started',
      streamId: 'incident-i1',
      version: 1,
      actorId: 'bob',
      occurredAt: '2026-03-01T09:01:00.000Z',
      data: {
        playbookId: 'pb-sec',
        commanderId: 'bob',
        severity: 'SEV2',
        statusUpdateIntervalMinutes: 15,
        broadcastChannelIds: ['security-announce'],
        checklists: [
          {
            sectionId: 'contain',
            items: [
              { itemId: 'isolate', title: 'Isolate affected hosts', dueAt: '2026-03-01T09:31:00.000Z' },
              { itemId: 'rotate', title: 'Rotate credentials' },
            ],
          },
        ],
      },
    })
    const state = await handler.loadIncident('i1')
    expect(E.isRight(state) && state.right.items.isolate?.dueAt).toBe('2026-03-01T09:31:00.000Z')
  })

  it('rejects an archived or unknown playbook and one of another team', async () => {
    const { run } = setup()
    await run(playbook)
    const start = (playbookId: string, teamId = 'team-1') => run({ type: 'StartIncident', incidentId: `i-${playbookId}-${teamId}`, teamId, name: 'x', playbookId })
    expect(await start('pb-none')).toMatchObject(E.left({ _tag: 'PlaybookNotFound' }))
    expect(await start('pb-sec', 'team-2')).toMatchObject(E.left({ _tag: 'PlaybookTeamMismatch' }))
    await run({ type: 'ArchivePlaybook', playbookId: 'pb-sec' })
    expect(await start('pb-sec')).toMatchObject(E.left({ _tag: 'PlaybookArchived' }))
  })

  it('returns the first result for a repeated commandId and appends nothing', async () => {
    const { handler, store } = setup()
    const meta = { commandId: 'same', actorId: 'alice' }
    await handler.handle({ type: 'StartIncident', incidentId: 'i1', teamId: 't', name: 'x' }, { commandId: 'start', actorId: 'alice' })
    const first = await handler.handle({ type: 'EndIncident', incidentId: 'i1' }, meta)
    const second = await handler.handle({ type: 'EndIncident', incidentId: 'i1' }, meta)
    expect(second).toEqual(first)
    expect(await store.readStream('incident-i1')).toHaveLength(2)
  })

  it('retries a concurrency conflict with fresh state, a bounded number of times', async () => {
    const inner = createInMemoryEventStore()
    let conflictsLeft = 2
    let appends = 0
    const flaky: EventStore = {
      ...inner,
      appendToStream: async (streamId, events, options) => {
        appends += 1
        if (conflictsLeft-- > 0) throw new ConcurrencyError(streamId, options.expectedVersion, 99)
        return inner.appendToStream(streamId, events, options)
      },
    }
    const { run } = setup(flaky)
    expect(E.isRight(await run({ type: 'StartIncident', incidentId: 'i1', teamId: 't', name: 'x' }))).toBe(true)
    expect(appends).toBe(3)

    conflictsLeft = 100
    const result = await run({ type: 'EndIncident', incidentId: 'i1' })
    expect(result).toMatchObject(E.left({ _tag: 'ConcurrencyConflict', streamId: 'incident-i1', actual: 99, attempts: 10 }))
  })

  it("never stamps an event earlier than its stream's last one: a replica whose clock is behind decides at that time", async () => {
    const store = createInMemoryEventStore()
    const ahead = setup(store, 0)
    const behind = setup(store, 1_000_000)
    behind.clock.set('2026-03-01T08:55:00.000Z')
    await ahead.handler.handle({ type: 'StartIncident', incidentId: 'i1', teamId: 't', name: 'x' }, { commandId: 'start', actorId: 'alice' })
    await behind.handler.handle({ type: 'SetMilestone', incidentId: 'i1', milestone: 'detected' }, { commandId: 'detected', actorId: 'bob' })
    behind.clock.set('2026-03-01T09:02:00.000Z')
    await behind.handler.handle({ type: 'AddNote', incidentId: 'i1', text: 'later' }, { commandId: 'note', actorId: 'bob' })
    const stream = await store.readStream('incident-i1')
    expect(stream.map((e) => [e.type, e.occurredAt])).toEqual([
      ['incident.started', '2026-03-01T09:00:00.000Z'],
      ['incident.milestone_set', '2026-03-01T09:00:00.000Z'],
      ['incident.note_added', '2026-03-01T09:02:00.000Z'],
    ])
    // The decision itself saw the same time: a milestone without `at` is set at it.
    expect(stream[1]!.data).toMatchObject({ milestone: 'detected', at: '2026-03-01T09:00:00.000Z' })
  })

  it('refuses a command of no known type as an InvalidCommand naming type, reading nothing', async () => {
    const store = createInMemoryEventStore()
    const reads: string[] = []
    const { run } = setup({ ...store, readStream: async (streamId) => (reads.push(streamId), store.readStream(streamId)) })
    const result = await run({ type: 'LaunchRockets' } as unknown as Command)
    expect(result).toEqual(E.left({ _tag: 'InvalidCommand', field: 'type', message: 'unknown command type "LaunchRockets"' }))
    expect(reads).toEqual([])
  })

  it('reports a corrupt stream by name and version instead of deciding on it', async () => {
    const store = createInMemoryEventStore({
      initialEvents: [
        {
          id: 'e1', type: 'incident.started', streamId: 'incident-bad', version: 1, occurredAt: '2026-01-01T00:00:00.000Z',
          recordedAt: '2026-01-01T00:00:00.000Z', actorId: 'a', commandId: 'c', correlationId: 'c', schemaVersion: 1, position: '',
          data: { incidentId: 'bad' },
        },
      ],
    })
    const { run } = setup(store)
    const result = await run({ type: 'EndIncident', incidentId: 'bad' })
    expect(result).toMatchObject(E.left({ _tag: 'CorruptStream', streamId: 'incident-bad', version: 1 }))
  })
})
