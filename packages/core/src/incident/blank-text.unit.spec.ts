import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { IncidentCommand, PlaybookCommand } from '../commands/command.js'
import { decidePlaybook } from '../playbook/decide-playbook.js'
import { initialPlaybookState } from '../playbook/playbook-state.js'
import { given } from '../testing/given-when-then.js'
import { incidentStarted } from '../testing/incident-fixtures.js'
import { isBlankText } from './blank-text.js'
import { foldIncident } from './evolve-incident.js'
import { requireText } from './incident-guards.js'
import { initialIncidentState } from './incident-state.js'

const INVISIBLE = '\u200B\u200B'

describe('isBlankText', () => {
  it('is true of a text with nothing visible: white space, format characters, other default-ignorables', () => {
    for (const text of ['', ' ', '\t\n', INVISIBLE, '\u200C\u200D', '\u2060', '\uFEFF', ' \u200B \u00A0', '\u200E\u202A', '\uFE0F', '\u3164', '\u0007', '\u{E0001}'])
      expect(isBlankText(text), JSON.stringify(text)).toBe(true)
  })

  it('is false as soon as one character shows', () => {
    for (const text of ['x', '\u200Bx\u200B', ' API down ', '🚨', '\u200D👩\u200D💻', 'é', '\u00AD-'])
      expect(isBlankText(text), JSON.stringify(text)).toBe(false)
  })
})

describe('text a command requires', () => {
  const started = incidentStarted({
    checklists: [{ sectionId: 'triage', title: 'Triage', items: [{ itemId: 'impact', title: 'Assess impact' }] }],
  })
  const refusal = (field: string) => E.left({ _tag: 'InvalidCommand', field, message: `${field} must not be empty (it holds only invisible characters)` })

  it('requireText refuses invisible characters only, naming the field, and keeps a visible text as given but trimmed', () => {
    expect(requireText('title', INVISIBLE)).toEqual(refusal('title'))
    expect(requireText('title', '  ')).toEqual(E.left({ _tag: 'InvalidCommand', field: 'title', message: 'title must not be empty' }))
    expect(requireText('title', ' \u200BPage the DBA ')).toEqual(E.right('\u200BPage the DBA'))
  })

  it('StartIncident refuses a name or a checklist title of invisible characters only', () => {
    const start: IncidentCommand = { type: 'StartIncident', incidentId: 'i', teamId: 't', name: 'x' }
    expect(given([]).when({ ...start, name: INVISIBLE }).result).toEqual(refusal('name'))
    const checklist = (title: string, itemTitle: string): IncidentCommand => ({ ...start, checklists: [{ sectionId: 's', title, items: [{ itemId: 'a', title: itemTitle }] }] })
    expect(given([]).when(checklist(INVISIBLE, 'ok')).result).toEqual(refusal('checklists.0.title'))
    expect(given([]).when(checklist('ok', INVISIBLE)).result).toEqual(refusal('checklists.0.items.0.title'))
  })

  it('AddItem, AddSection, RenameIncident, RenameItem and RenameSection refuse a title of invisible characters only', () => {
    const cases: [IncidentCommand, string][] = [
      [{ type: 'AddItem', incidentId: 'i', sectionId: 'triage', title: INVISIBLE }, 'title'],
      [{ type: 'AddSection', incidentId: 'i', title: INVISIBLE }, 'title'],
      [{ type: 'RenameIncident', incidentId: 'i', name: INVISIBLE }, 'name'],
      [{ type: 'RenameItem', incidentId: 'i', itemId: 'impact', title: INVISIBLE }, 'title'],
      [{ type: 'RenameSection', incidentId: 'i', sectionId: 'triage', title: INVISIBLE }, 'title'],
    ]
    for (const [command, field] of cases) expect(given([started]).when(command).result, command.type).toEqual(refusal(field))
  })

  it('a playbook refuses a title of invisible characters only', () => {
    const create: PlaybookCommand = { type: 'CreatePlaybook', playbookId: 'pb', teamId: 't', title: INVISIBLE, checklists: [] }
    expect(decidePlaybook(create, initialPlaybookState)).toEqual(refusal('title'))
  })

  it('still replays an incident an older release stored with an invisible name and titles', () => {
    const old = incidentStarted({ name: INVISIBLE, checklists: [{ sectionId: 's', title: INVISIBLE, items: [{ itemId: 'a', title: INVISIBLE }] }] })
    const state = foldIncident(initialIncidentState, [{ ...old, occurredAt: '2026-03-01T09:00:00.000Z' }])
    expect(state).toMatchObject({ status: 'active', name: INVISIBLE, sections: [{ title: INVISIBLE }] })
  })
})
