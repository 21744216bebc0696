import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { Command } from '../commands/command.js'
import { createInMemoryEventStore } from '../in-memory/in-memory-event-store.js'
import { manualClock } from '../ports/clock.js'
import { sequentialIds } from '../ports/id-generator.js'
import { createCommandHandler, type CommandMeta } from './command-handler.js'

const start = (incidentId: string): Command => ({
  type: 'StartIncident',
  incidentId,
  teamId: 't',
  name: 'API down',
  checklists: [{ sectionId: 's', title: 'Triage', items: [{ itemId: 'a', title: 'Page' }, { itemId: 'b', title: 'Roll back' }] }],
})

const setup = async () => {
  const store = createInMemoryEventStore()
  const handler = createCommandHandler({ store, clock: manualClock('2026-03-01T09:00:00.000Z'), ids: sequentialIds() })
  await handler.handle(start('i1'), { commandId: 'start-i1', actorId: 'alice' })
  await handler.handle(start('i2'), { commandId: 'start-i2', actorId: 'alice' })
  const logLength = async () => (await store.readAll({ after: '', limit: 1000 })).events.length
  return { store, handler, logLength }
}

const reused = (commandId: string, streamId: string, message: RegExp) =>
  E.left({ _tag: 'CommandIdReused', commandId, streamId, message: expect.stringMatching(message) })

describe('the command id and actor id a command comes with', () => {
  it.each([
    ['empty', ''],
    ['blank', '  \t'],
    ['holding a NUL', 'c\u00001'],
    ['holding a lone surrogate', 'c\uD8001'],
  ])('refuses a commandId that is %s as an InvalidCommand naming commandId, appending nothing', async (_, commandId) => {
    const { handler, logLength } = await setup()
    const before = await logLength()
    expect(await handler.handle(start('i3'), { commandId, actorId: 'alice' })).toMatchObject(E.left({ _tag: 'InvalidCommand', field: 'commandId' }))
    expect(await handler.handle({ type: 'AddNote', incidentId: 'i1', text: 'important' }, { commandId, actorId: 'alice' })).toMatchObject(
      E.left({ _tag: 'InvalidCommand', field: 'commandId' }),
    )
    expect(await logLength()).toBe(before)
  })

  it.each([
    ['empty', ''],
    ['blank', ' '],
    ['holding a NUL', 'alice\u0000'],
    ['missing', undefined],
  ])('refuses an actorId that is %s as an InvalidCommand naming actorId (not commanderId, not a store error)', async (_, actorId) => {
    const { handler, logLength } = await setup()
    const before = await logLength()
    const meta = (commandId: string) => ({ commandId, actorId }) as unknown as CommandMeta
    expect(await handler.handle(start('i3'), meta('c1'))).toMatchObject(E.left({ _tag: 'InvalidCommand', field: 'actorId' }))
    expect(await handler.handle({ type: 'AddNote', incidentId: 'i1', text: 'x' }, meta('c2'))).toMatchObject(E.left({ _tag: 'InvalidCommand', field: 'actorId' }))
    expect(await logLength()).toBe(before)
  })

  it('refuses a correlationId holding a NUL, naming it', async () => {
    const { handler } = await setup()
    const result = await handler.handle({ type: 'AddNote', incidentId: 'i1', text: 'x' }, { commandId: 'c1', actorId: 'alice', correlationId: 'r\u0000' })
    expect(result).toMatchObject(E.left({ _tag: 'InvalidCommand', field: 'correlationId' }))
  })

  it('takes a blank correlationId (one an older log may hold, passed on by a process) as none: the command id stands in', async () => {
    const { handler } = await setup()
    const result = await handler.handle({ type: 'AddNote', incidentId: 'i1', text: 'x' }, { commandId: 'c1', actorId: 'alice', correlationId: ' ' })
    expect(result).toMatchObject(E.right([{ type: 'incident.note_added', correlationId: 'c1' }]))
  })
})

describe('a command id used before', () => {
  it('gives the earlier result for the same command again, whoever sends it, appending nothing', async () => {
    const { handler, logLength } = await setup()
    const first = await handler.handle({ type: 'CheckItem', incidentId: 'i1', itemId: 'a' }, { commandId: 'c1', actorId: 'alice' })
    const before = await logLength()
    // A post that many people react to starts one incident: the same command from another actor.
    expect(await handler.handle({ type: 'CheckItem', incidentId: 'i1', itemId: 'a' }, { commandId: 'c1', actorId: 'bob' })).toEqual(first)
    expect(await logLength()).toBe(before)
  })

  it('is refused for another incident, naming the command id and the incident it was used for', async () => {
    const { handler, store } = await setup()
    await handler.handle({ type: 'AddNote', incidentId: 'i1', text: 'first' }, { commandId: 'c1', actorId: 'alice' })
    const result = await handler.handle({ type: 'AddNote', incidentId: 'i2', text: 'important' }, { commandId: 'c1', actorId: 'alice' })
    expect(result).toEqual(reused('c1', 'incident-i1', /"c1".*incident i1/))
    expect((await store.readStream('incident-i2')).map((e) => e.type)).toEqual(['incident.started'])
  })

  it('is refused for another kind of command on the same incident', async () => {
    const { handler, logLength } = await setup()
    const before = await logLength()
    const result = await handler.handle({ type: 'AddNote', incidentId: 'i1', text: 'important' }, { commandId: 'start-i1', actorId: 'alice' })
    expect(result).toEqual(reused('start-i1', 'incident-i1', /incident\.started/))
    expect(await logLength()).toBe(before)
  })

  it('gives the earlier result to the same kind of command naming other ids: a caller sending it again may resolve them anew', async () => {
    const { handler, store } = await setup()
    const first = await handler.handle({ type: 'AddItem', incidentId: 'i1', sectionId: 's', title: 'Call the vendor' }, { commandId: 'c1', actorId: 'alice' })
    await handler.handle({ type: 'AddSection', incidentId: 'i1', sectionId: 's2', title: 'Follow-up' }, { commandId: 'c2', actorId: 'alice' })
    // The redelivery names "the last section" again, which is now s2.
    const again = await handler.handle({ type: 'AddItem', incidentId: 'i1', sectionId: 's2', title: 'Call the vendor' }, { commandId: 'c1', actorId: 'alice' })
    expect(again).toEqual(first)
    expect((await store.readStream('incident-i1')).filter((e) => e.type === 'checklist.item_added')).toHaveLength(1)
  })

  it('is refused for a playbook when an incident used it, naming the incident', async () => {
    const { handler } = await setup()
    const result = await handler.handle({ type: 'CreatePlaybook', playbookId: 'p1', teamId: 't', title: 'Outage', checklists: [] }, { commandId: 'start-i1', actorId: 'alice' })
    expect(result).toEqual(reused('start-i1', 'incident-i1', /incident i1/))
  })

  it('is refused when two commands race with one id: the store keeps the first, the second learns it was not its own', async () => {
    const { handler } = await setup()
    const results = await Promise.all([
      handler.handle({ type: 'AddNote', incidentId: 'i1', text: 'one' }, { commandId: 'c1', actorId: 'alice' }),
      handler.handle({ type: 'AddNote', incidentId: 'i2', text: 'two' }, { commandId: 'c1', actorId: 'alice' }),
    ])
    expect(E.isRight(results[0])).toBe(true)
    expect(results[1]).toEqual(reused('c1', 'incident-i1', /incident i1/))
  })
})
