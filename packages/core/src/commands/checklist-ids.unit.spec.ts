import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decodeEvent } from '../events/decode-event.js'
import { decidePlaybook } from '../playbook/decide-playbook.js'
import { initialPlaybookState } from '../playbook/playbook-state.js'
import { recordedTestEvent } from '../testing/event-fixtures.js'
import { given } from '../testing/given-when-then.js'
import { decodeCommand, type IncidentCommand, type PlaybookCommand } from './command.js'

type Item = { itemId: string; title: string; assigneeId?: string }
const checklist = (sectionId: string, item: Item) => [
  { sectionId: 'first', title: 'First', items: [{ itemId: 'first-item', title: 'Fine' }] },
  { sectionId, title: 'Triage', items: [{ itemId: 'fine', title: 'Fine' }, item] },
]
const start = (sectionId: string, item: Item) => ({ type: 'StartIncident', incidentId: 'i', teamId: 't', name: 'x', checklists: checklist(sectionId, item) })
const create = (sectionId: string, item: Item) => ({ type: 'CreatePlaybook', playbookId: 'p', teamId: 't', title: 'Outage', checklists: checklist(sectionId, item) })
const update = (sectionId: string, item: Item) => ({ type: 'UpdatePlaybook', playbookId: 'p', title: 'Outage', checklists: checklist(sectionId, item) })

const emptyIds = [
  ['checklists.1.sectionId', '', { itemId: 'a', title: 'A' }],
  ['checklists.1.items.1.itemId', 's', { itemId: '', title: 'A' }],
  ['checklists.1.items.1.assigneeId', 's', { itemId: 'a', title: 'A', assigneeId: '' }],
] as const

describe('ids in the checklist a command gives', () => {
  it.each(emptyIds)('are refused when empty by decodeCommand, naming %s', (field, sectionId, item) => {
    for (const command of [start, create, update]) {
      expect(decodeCommand(command(sectionId, item))).toMatchObject(E.left({ _tag: 'InvalidCommand', field }))
    }
  })

  it.each(emptyIds)('are refused when empty by decide for a typed command, naming %s', (field, sectionId, item) => {
    expect(given([]).when(start(sectionId, item) as IncidentCommand).result).toMatchObject(E.left({ _tag: 'InvalidCommand', field }))
    expect(decidePlaybook(create(sectionId, item) as PlaybookCommand, initialPlaybookState)).toMatchObject(E.left({ _tag: 'InvalidCommand', field }))
  })

  it('are refused when empty in a playbook command’s broadcast channels', () => {
    expect(decodeCommand({ ...create('s', { itemId: 'a', title: 'A' }), broadcastChannelIds: ['ok', ''] })).toMatchObject(
      E.left({ _tag: 'InvalidCommand', field: 'broadcastChannelIds.1' }),
    )
  })

  it('are refused when empty in AddSection and AddItem given as typed commands', () => {
    const started = given([]).when(start('s', { itemId: 'a', title: 'A' }) as IncidentCommand).result
    const history = E.getOrElseW(() => [])(started)
    given(history).when({ type: 'AddSection', incidentId: 'i', title: 'More', sectionId: '' }).thenFails('InvalidCommand', /sectionId/)
    given(history).when({ type: 'AddItem', incidentId: 'i', sectionId: 's', title: 'More', itemId: '' }).thenFails('InvalidCommand', /itemId/)
    given(history).when({ type: 'AddItem', incidentId: 'i', sectionId: 's', title: 'More', assigneeId: '' }).thenFails('InvalidCommand', /assigneeId/)
  })

  it('stay readable when empty in events an older release wrote', () => {
    const started = recordedTestEvent('incident.started', {
      incidentId: 'i', teamId: 't', name: 'x', channelName: 'x', commanderId: 'a', reporterId: 'a', checklists: checklist('', { itemId: '', title: 'A', assigneeId: '' }),
    })
    const created = recordedTestEvent('playbook.created', { playbookId: 'p', teamId: 't', title: 'Outage', checklists: checklist('', { itemId: '', title: 'A' }), broadcastChannelIds: [''] })
    expect(E.isRight(decodeEvent(started))).toBe(true)
    expect(E.isRight(decodeEvent(created))).toBe(true)
  })
})

describe("decodeCommand's field", () => {
  it.each([
    ['a required field', { type: 'CheckItem', incidentId: 'i' }, 'itemId'],
    ['a field of a union', { type: 'SetItemDue', incidentId: 'i', itemId: 'x', dueAt: 'tomorrow' }, 'dueAt'],
    ['an optional field', { type: 'AddItem', incidentId: 'i', sectionId: 's', title: 't', dueAt: 'tomorrow' }, 'dueAt'],
    ['a field of a checklist item', { type: 'StartIncident', incidentId: 'i', teamId: 't', name: 'x', checklists: [{ sectionId: 's', title: 'T', items: [{ itemId: 'a', title: 'A' }, { itemId: 'b' }] }] }, 'checklists.0.items.1.title'],
    ['a field of a nested optional object', { type: 'StartIncident', incidentId: 'i', teamId: 't', name: 'x', sourcePost: { postId: 'p' } }, 'sourcePost.channelId'],
  ])('names %s as written, without the codec’s branch numbers', (_, input, field) => {
    expect(decodeCommand(input)).toMatchObject(E.left({ _tag: 'InvalidCommand', field }))
  })
})
