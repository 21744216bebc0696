import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { CommandOf } from '../commands/command.js'
import { createInMemoryEventStore } from '../in-memory/in-memory-event-store.js'
import { manualClock } from '../ports/clock.js'
import { sequentialIds } from '../ports/id-generator.js'
import { createCommandHandler } from './command-handler.js'

const setup = () => {
  const store = createInMemoryEventStore()
  const handler = createCommandHandler({ store, clock: manualClock('2026-03-01T09:00:00.000Z'), ids: sequentialIds() })
  let n = 0
  const run = (command: Parameters<typeof handler.handle>[0]) => handler.handle(command, { commandId: `cmd-${++n}`, actorId: 'alice' })
  return { store, handler, run }
}

describe('the objects of a handled command stay the caller’s', () => {
  it('changing the command after handle() changes nothing stored, and later commands freeze none of it', async () => {
    const { store, handler, run } = setup()
    const channels = ['ch-1']
    const sourcePost = { postId: 'p1', channelId: 'town-square', message: 'API is down' }
    const checklists = [{ sectionId: 's', title: 'Triage', items: [{ itemId: 'a', title: 'Page' }] }]
    const start: CommandOf<'StartIncident'> = { type: 'StartIncident', incidentId: 'i1', teamId: 't', name: 'API down', broadcastChannelIds: channels, sourcePost, checklists }
    expect(E.isRight(await run(start))).toBe(true)

    sourcePost.message = 'rewritten\u0000'
    channels.push('ch-2')
    checklists[0]!.items[0]!.title = 'changed'
    const [started] = await store.readStream('incident-i1')
    expect(started!.data).toMatchObject({ broadcastChannelIds: ['ch-1'], sourcePost: { message: 'API is down' }, checklists: [{ items: [{ title: 'Page' }] }] })

    // The next command folds the stream into a frozen state: the caller's array must not be in it.
    expect(E.isRight(await run({ type: 'RenameIncident', incidentId: 'i1', name: 'API still down' }))).toBe(true)
    expect(() => channels.push('ch-3')).not.toThrow()
    expect(() => (sourcePost.message = 'again')).not.toThrow()
    expect(E.map((state: { broadcastChannelIds: readonly string[] }) => state.broadcastChannelIds)(await handler.loadIncident('i1'))).toEqual(E.right(['ch-1']))
  })

  it('a playbook’s broadcast channels are its own, not the command’s', async () => {
    const { handler, run } = setup()
    const channels = ['announce']
    expect(E.isRight(await run({ type: 'CreatePlaybook', playbookId: 'pb', teamId: 't', title: 'Outage', checklists: [], broadcastChannelIds: channels }))).toBe(true)
    channels.push('other')
    expect(E.isRight(await run({ type: 'StartIncident', incidentId: 'i1', teamId: 't', name: 'x', playbookId: 'pb' }))).toBe(true)
    expect(() => channels.push('third')).not.toThrow()
    expect(E.map((state: { broadcastChannelIds: readonly string[] }) => state.broadcastChannelIds)(await handler.loadPlaybook('pb'))).toEqual(E.right(['announce']))
  })
})
