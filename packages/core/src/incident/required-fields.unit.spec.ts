import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decodeCommand, type IncidentCommand, type PlaybookCommand } from '../commands/command.js'
import { createInMemoryEventStore } from '../in-memory/in-memory-event-store.js'
import { createCommandHandler } from '../handler/command-handler.js'
import { decidePlaybook } from '../playbook/decide-playbook.js'
import { initialPlaybookState } from '../playbook/playbook-state.js'
import { manualClock } from '../ports/clock.js'
import { sequentialIds } from '../ports/id-generator.js'
import { given, testContext } from '../testing/given-when-then.js'
import { incidentStarted } from '../testing/incident-fixtures.js'
import { foldIncident } from './evolve-incident.js'
import { initialIncidentState } from './incident-state.js'

const started = incidentStarted({
  checklists: [{ sectionId: 'triage', title: 'Triage', items: [{ itemId: 'impact', title: 'Assess impact' }] }],
})

describe('fields an incident cannot do without', () => {
  it('refuses a checklist section or item without a title when starting, naming it', () => {
    const start = (title: string, itemTitle: string) =>
      given([]).when({ type: 'StartIncident', incidentId: 'i', teamId: 't', name: 'x', checklists: [{ sectionId: 's', title, items: [{ itemId: 'a', title: itemTitle }] }] })
    expect(start('  ', 'ok').result).toMatchObject(E.left({ _tag: 'InvalidCommand', field: 'checklists.0.title' }))
    expect(start('ok', ' ').result).toMatchObject(E.left({ _tag: 'InvalidCommand', field: 'checklists.0.items.0.title' }))
  })

  it('trims checklist titles when starting, as AddItem does', () => {
    const { result } = given([]).when({ type: 'StartIncident', incidentId: 'i', teamId: 't', name: 'x', checklists: [{ sectionId: 's', title: ' Triage ', items: [{ itemId: 'a', title: ' Page ' }] }] })
    expect(E.map((events: { data: unknown }[]) => events[0]?.data)(result)).toMatchObject(E.right({ checklists: [{ title: 'Triage', items: [{ title: 'Page' }] }] }))
  })

  it('refuses an empty commander or assignee', () => {
    given([]).when({ type: 'StartIncident', incidentId: 'i', teamId: 't', name: 'x', commanderId: '' }).thenFails('InvalidCommand', /commanderId/)
    given([], testContext({ actorId: '' })).when({ type: 'StartIncident', incidentId: 'i', teamId: 't', name: 'x' }).thenFails('InvalidCommand', /commanderId/)
    given([started]).when({ type: 'ChangeCommander', incidentId: 'i', commanderId: '' }).thenFails('InvalidCommand', /commanderId/)
    given([started]).when({ type: 'AssignItem', incidentId: 'i', itemId: 'impact', assigneeId: '' }).thenFails('InvalidCommand', /assigneeId/)
  })

  it('refuses empty ids at the edge, naming the field', () => {
    expect(decodeCommand({ type: 'AssignItem', incidentId: 'i', itemId: 'impact', assigneeId: '' })).toMatchObject(E.left({ _tag: 'InvalidCommand', field: expect.stringContaining('assigneeId') }))
    expect(decodeCommand({ type: 'CheckItem', incidentId: '', itemId: 'impact' })).toMatchObject(E.left({ _tag: 'InvalidCommand', field: expect.stringContaining('incidentId') }))
  })

  const start: IncidentCommand = { type: 'StartIncident', incidentId: 'i', teamId: 't', name: 'x' }
  const emptyIdsOfStart: [string, Partial<Extract<IncidentCommand, { type: 'StartIncident' }>>][] = [
    ['incidentId', { incidentId: '' }],
    ['teamId', { teamId: '' }],
    ['playbookId', { playbookId: '' }],
    ['broadcastChannelIds.1', { broadcastChannelIds: ['ch-1', ''] }],
    ['sourcePost.postId', { sourcePost: { postId: '', channelId: 'c' } }],
    ['sourcePost.channelId', { sourcePost: { postId: 'p', channelId: '' } }],
  ]

  it('refuses an empty id in a typed StartIncident, naming the field as decodeCommand does', () => {
    for (const [field, fields] of emptyIdsOfStart) {
      const command = { ...start, ...fields } as IncidentCommand
      expect(given([]).when(command).result, field).toMatchObject(E.left({ _tag: 'InvalidCommand', field, message: `${field} must not be empty` }))
      expect(decodeCommand(command), field).toMatchObject(E.left({ _tag: 'InvalidCommand', field }))
    }
  })

  it('refuses an empty channel id in LinkChannel and an empty post id in AddNote', () => {
    given([started]).when({ type: 'LinkChannel', incidentId: 'i', channelId: '', channelName: 'x' }).thenFails('InvalidCommand', /^channelId must not be empty$/)
    given([started]).when({ type: 'AddNote', incidentId: 'i', text: 'seen', postId: '' }).thenFails('InvalidCommand', /^postId must not be empty$/)
  })

  it('refuses an empty id in a typed CreatePlaybook or UpdatePlaybook, naming the field', () => {
    const create: PlaybookCommand = { type: 'CreatePlaybook', playbookId: 'pb', teamId: 't', title: 'Outage', checklists: [] }
    const refused = (command: PlaybookCommand, field: string) =>
      expect(decidePlaybook(command, initialPlaybookState), field).toMatchObject(E.left({ _tag: 'InvalidCommand', field, message: `${field} must not be empty` }))
    refused({ ...create, playbookId: '' }, 'playbookId')
    refused({ ...create, teamId: '' }, 'teamId')
    refused({ ...create, broadcastChannelIds: [''] }, 'broadcastChannelIds.0')
    const created = decidePlaybook(create, initialPlaybookState)
    expect(E.isRight(created)).toBe(true)
    const update: PlaybookCommand = { type: 'UpdatePlaybook', playbookId: 'pb', title: 'Outage', checklists: [], broadcastChannelIds: ['ok', ''] }
    const state = { ...initialPlaybookState, status: 'active' as const, playbookId: 'pb', teamId: 't', title: 'Outage', version: 1 }
    expect(decidePlaybook(update, state)).toMatchObject(E.left({ _tag: 'InvalidCommand', field: 'broadcastChannelIds.1' }))
  })

  it('handle() records nothing for a typed command with an empty id', async () => {
    const store = createInMemoryEventStore()
    const handler = createCommandHandler({ store, clock: manualClock('2026-03-01T09:00:00.000Z'), ids: sequentialIds() })
    let n = 0
    for (const [field, fields] of emptyIdsOfStart) {
      const result = await handler.handle({ ...start, ...fields } as IncidentCommand, { commandId: `c${++n}`, actorId: 'alice' })
      expect(result, field).toMatchObject(E.left({ _tag: 'InvalidCommand', field }))
    }
    expect((await store.readAll({ after: '', limit: 10 })).events).toEqual([])
  })

  it('still replays events an older release stored with empty ids', () => {
    const old = incidentStarted({ incidentId: '', teamId: '', broadcastChannelIds: [''], sourcePost: { postId: '', channelId: '' } })
    const state = foldIncident(initialIncidentState, [
      { ...old, occurredAt: '2026-03-01T09:00:00.000Z' },
      { type: 'incident.channel_linked', data: { channelId: '', channelName: 'x' }, occurredAt: '2026-03-01T09:01:00.000Z' },
    ])
    expect(state).toMatchObject({ status: 'active', incidentId: '', teamId: '', broadcastChannelIds: [''], channelId: '' })
  })
})
