import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { CommandOf, PlaybookCommand } from '../commands/command.js'
import type { DomainEvent } from '../events/catalogue.js'
import type { PlaybookSectionSpec } from '../events/checklist-shape.js'
import { decidePlaybook } from '../playbook/decide-playbook.js'
import { foldPlaybook } from '../playbook/evolve-playbook.js'
import { initialPlaybookState } from '../playbook/playbook-state.js'
import { testContext } from '../testing/given-when-then.js'
import { decideIncident } from './decide-incident.js'
import { initialIncidentState } from './incident-state.js'

/** Every object and array reachable from `value`. */
const objectsIn = (value: unknown, found = new Set<object>()): Set<object> => {
  if (typeof value === 'object' && value !== null && !found.has(value)) {
    found.add(value)
    for (const child of Object.values(value)) objectsIn(child, found)
  }
  return found
}

/** The objects and arrays a command and the events decided from it both hold. */
const shared = (command: object, events: readonly DomainEvent[]) => {
  const ofCommand = objectsIn(command)
  return [...objectsIn(events.map((event) => event.data))].filter((object) => ofCommand.has(object))
}

const id = fc.constantFrom('a', 'b', 'c')
const text = fc.constantFrom('Triage', 'Contain', 'Page on-call')
const channels = fc.uniqueArray(fc.constantFrom('ch-1', 'ch-2', 'ch-3'), { minLength: 1 })

const startIncident: fc.Arbitrary<CommandOf<'StartIncident'>> = fc.record(
  {
    type: fc.constant('StartIncident' as const),
    incidentId: fc.constant('i1'),
    teamId: fc.constant('team-1'),
    name: text,
    channelName: text,
    playbookId: fc.constant('pb'),
    checklists: fc.constant(null).map(() => [{ sectionId: 'own', title: 'Own', items: [{ itemId: 'own-1', title: 'First', assigneeId: 'bob' }] }]),
    broadcastChannelIds: channels,
    sourcePost: fc.record({ postId: id, channelId: id, message: text }, { requiredKeys: ['postId', 'channelId'] }),
  },
  { requiredKeys: ['type', 'incidentId', 'teamId', 'name'] },
)

const playbookChecklist = (): PlaybookSectionSpec[] => [{ sectionId: 's', title: 'Triage', items: [{ itemId: 'i', title: 'Page', dueAfterMinutes: 5 }] }]
const playbookContent = {
  title: text,
  checklists: fc.constant(null).map(playbookChecklist),
  broadcastChannelIds: channels,
  description: text,
}
const playbookCommand: fc.Arbitrary<PlaybookCommand> = fc.oneof(
  fc.record({ type: fc.constant('CreatePlaybook' as const), playbookId: fc.constant('pb'), teamId: fc.constant('team-1'), ...playbookContent }, { requiredKeys: ['type', 'playbookId', 'teamId', 'title', 'checklists'] }),
  fc.record({ type: fc.constant('UpdatePlaybook' as const), playbookId: fc.constant('pb'), ...playbookContent }, { requiredKeys: ['type', 'playbookId', 'title', 'checklists'] }),
)

const playbook = foldPlaybook(initialPlaybookState, [
  { type: 'playbook.created', data: { playbookId: 'pb', teamId: 'team-1', title: 'Outage', checklists: [{ sectionId: 'pb-s', title: 'S', items: [] }], broadcastChannelIds: ['ch-9'] } },
])

describe('decided events hold their own data', () => {
  it('StartIncident copies the lists and objects it takes from the command (fast-check)', () => {
    fc.assert(
      fc.property(startIncident, (command) => {
        const decided = decideIncident(command, initialIncidentState, testContext({ playbook }))
        expect(E.isRight(decided)).toBe(true)
        if (E.isRight(decided)) expect(shared(command, decided.right)).toEqual([])
      }),
    )
  })

  it('CreatePlaybook and UpdatePlaybook copy the lists they take from the command (fast-check)', () => {
    fc.assert(
      fc.property(playbookCommand, (command) => {
        const decided = decidePlaybook(command, command.type === 'CreatePlaybook' ? initialPlaybookState : playbook)
        expect(E.isRight(decided)).toBe(true)
        if (E.isRight(decided)) expect(shared(command, decided.right)).toEqual([])
      }),
    )
  })
})
