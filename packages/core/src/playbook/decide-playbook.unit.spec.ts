import fc from 'fast-check'
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

  it('stores section and item titles trimmed, on create and on update', () => {
    const padded = [{ sectionId: 's1', title: '  Sec  ', items: [{ itemId: 'i1', title: '  Item  ', dueAfterMinutes: 5 }] }]
    const trimmed = [{ sectionId: 's1', title: 'Sec', items: [{ itemId: 'i1', title: 'Item', dueAfterMinutes: 5 }] }]
    expect(decidePlaybook({ ...create, checklists: padded }, initialPlaybookState)).toMatchObject(E.right([{ type: 'playbook.created', data: { checklists: trimmed } }]))
    const update: PlaybookCommand = { type: 'UpdatePlaybook', playbookId: 'pb', title: 'Outage', checklists: padded }
    expect(decidePlaybook(update, created)).toMatchObject(E.right([{ type: 'playbook.updated', data: { checklists: trimmed } }]))
  })

  it('stores every title trimmed, or refuses a blank one naming its position', () => {
    const title = fc.oneof(fc.constantFrom('', ' ', '\t', ' a ', 'b'), fc.string({ maxLength: 4 }))
    const sections = fc.array(fc.record({ title, items: fc.array(fc.record({ title }), { maxLength: 3 }) }), { maxLength: 3 })
    fc.assert(
      fc.property(sections, (drafts) => {
        const checklists = drafts.map((section, s) => ({ sectionId: `s${s}`, title: section.title, items: section.items.map((item, i) => ({ itemId: `s${s}i${i}`, title: item.title })) }))
        const blank = checklists
          .flatMap((section, s) => [[`checklists.${s}.title`, section.title], ...section.items.map((item, i) => [`checklists.${s}.items.${i}.title`, item.title])])
          .find(([, text]) => text!.trim() === '')
        const decided = decidePlaybook({ ...create, checklists }, initialPlaybookState)
        if (blank) expect(decided).toMatchObject(E.left({ _tag: 'InvalidCommand', field: blank[0] }))
        else {
          const stored = checklists.map((section) => ({ ...section, title: section.title.trim(), items: section.items.map((item) => ({ ...item, title: item.title.trim() })) }))
          expect(decided).toMatchObject(E.right([{ data: { checklists: stored } }]))
        }
      }),
    )
  })

  it('names a refused checklist field by its position, as StartIncident does', () => {
    const withItem = (item: Record<string, unknown>) => ({ ...create, checklists: [{ sectionId: 'sec', title: 'S', items: [{ itemId: 'ok', title: 'ok' }, { itemId: 'x', title: 'X', ...item }] }] })
    expect(decidePlaybook(withItem({ title: ' ' }), initialPlaybookState)).toMatchObject(E.left({ _tag: 'InvalidCommand', field: 'checklists.0.items.1.title' }))
    expect(decidePlaybook(withItem({ dueAfterMinutes: 6e6 }), initialPlaybookState)).toMatchObject(E.left({ _tag: 'InvalidCommand', field: 'checklists.0.items.1.dueAfterMinutes' }))
    expect(decidePlaybook(withItem({ dueAfterMinutes: 1.5 }), initialPlaybookState)).toMatchObject(E.left({ _tag: 'InvalidCommand', field: 'checklists.0.items.1.dueAfterMinutes' }))
    const untitledSection = { ...create, checklists: [create.checklists[0]!, { sectionId: 's2', title: '', items: [] }] }
    expect(decidePlaybook(untitledSection, initialPlaybookState)).toMatchObject(E.left({ _tag: 'InvalidCommand', field: 'checklists.1.title' }))
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
