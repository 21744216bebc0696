import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { PlaybookCommand } from '../commands/command.js'
import { decidePlaybook } from './decide-playbook.js'
import { foldPlaybook } from './evolve-playbook.js'
import { initialPlaybookState } from './playbook-state.js'

const create: PlaybookCommand = {
  type: 'CreatePlaybook',
  playbookId: 'pb',
  teamId: 'team-1',
  title: ' Outage ',
  checklists: [{ sectionId: 's1', title: 'Triage', items: [{ itemId: 'i1', title: 'Page on-call', dueAfterMinutes: 5 }] }],
}
const created = foldPlaybook(initialPlaybookState, E.getOrElseW(() => [])(decidePlaybook(create, initialPlaybookState)))

describe('playbooks', () => {
  it('creates a playbook with a trimmed title', () => {
    expect(created).toMatchObject({ status: 'active', title: 'Outage', teamId: 'team-1', version: 1 })
    expect(decidePlaybook(create, created)).toMatchObject(E.left({ _tag: 'PlaybookAlreadyExists' }))
  })

  it('rejects ids used twice and untitled items', () => {
    const twice = { ...create, checklists: [{ sectionId: 's1', title: 'A', items: [{ itemId: 's1', title: 'B' }] }] }
    expect(decidePlaybook(twice, initialPlaybookState)).toMatchObject(E.left({ _tag: 'InvalidCommand', field: 'checklists' }))
    const untitled = { ...create, checklists: [{ sectionId: 's1', title: 'A', items: [{ itemId: 'i', title: ' ' }] }] }
    expect(decidePlaybook(untitled, initialPlaybookState)).toMatchObject(E.left({ _tag: 'InvalidCommand' }))
  })

  it('updates the content as a whole and archives; an archived playbook takes no update', () => {
    const update: PlaybookCommand = { type: 'UpdatePlaybook', playbookId: 'pb', title: 'Outage v2', checklists: [], statusUpdateIntervalMinutes: 20 }
    const updated = foldPlaybook(created, E.getOrElseW(() => [])(decidePlaybook(update, created)))
    expect(updated).toMatchObject({ title: 'Outage v2', checklists: [], statusUpdateIntervalMinutes: 20, version: 2 })
    const archived = foldPlaybook(updated, E.getOrElseW(() => [])(decidePlaybook({ type: 'ArchivePlaybook', playbookId: 'pb' }, updated)))
    expect(archived.status).toBe('archived')
    expect(decidePlaybook(update, archived)).toMatchObject(E.left({ _tag: 'PlaybookArchived' }))
    expect(decidePlaybook(update, initialPlaybookState)).toMatchObject(E.left({ _tag: 'PlaybookNotFound' }))
  })
})
