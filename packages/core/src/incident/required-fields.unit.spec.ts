import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decodeCommand } from '../commands/command.js'
import { given, testContext } from '../testing/given-when-then.js'
import { incidentStarted } from '../testing/incident-fixtures.js'

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
})
