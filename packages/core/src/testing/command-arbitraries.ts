import fc from 'fast-check'
import type { IncidentCommand } from '../commands/command.js'

const INCIDENT = 'inc-1'
/** Small id pools, so that generated commands often hit existing items and sections. */
const itemIds = ['item-a', 'item-b', 'item-c', 'item-d', 'item-e']
const sectionIds = ['sec-1', 'sec-2', 'sec-3']
const users = ['alice', 'bob', 'carol']

const itemId = fc.constantFrom(...itemIds)
const sectionId = fc.constantFrom(...sectionIds)
const user = fc.constantFrom(...users)
const text = fc.oneof(fc.constantFrom('', '  ', 'Roll back deploy', 'Page on-call'), fc.string({ maxLength: 12 }))
const timestamp = fc
  .integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2026-12-31T00:00:00Z') })
  .map((ms) => new Date(ms).toISOString())
const position = fc.nat({ max: 6 })

/**
 * Any incident command on one incident, valid or not: the property tests feed sequences of these
 * to `decide` and check that the state stays valid whatever the order.
 */
const rare = <T>(arbitrary: fc.Arbitrary<T>) => ({ arbitrary, weight: 1 })
const often = <T>(arbitrary: fc.Arbitrary<T>) => ({ arbitrary, weight: 6 })

export const incidentCommandArbitrary: fc.Arbitrary<IncidentCommand> = fc.oneof(
  rare(fc.record({
    type: fc.constant('StartIncident' as const),
    incidentId: fc.constant(INCIDENT),
    teamId: fc.constant('team-1'),
    name: text,
    commanderId: fc.option(user, { nil: undefined }),
    checklists: fc.constant([{ sectionId: 'sec-1', title: 'Triage', items: [{ itemId: 'item-a', title: 'Assess impact' }] }]),
  }, { requiredKeys: ['type', 'incidentId', 'teamId', 'name'] })),
  rare(fc.constantFrom(
    { type: 'EndIncident' as const, incidentId: INCIDENT },
    { type: 'ReopenIncident' as const, incidentId: INCIDENT },
  )),
  rare(fc.record({ type: fc.constant('ChangeCommander' as const), incidentId: fc.constant(INCIDENT), commanderId: user })),
  rare(fc.record({ type: fc.constant('PostStatusUpdate' as const), incidentId: fc.constant(INCIDENT), message: text })),
  rare(fc.record({ type: fc.constant('SetMetadata' as const), incidentId: fc.constant(INCIDENT), key: fc.constantFrom('severity', 'region', ''), value: fc.option(text, { nil: null }) })),
  rare(fc.record({ type: fc.constant('AddNote' as const), incidentId: fc.constant(INCIDENT), text })),
  rare(fc.record({ type: fc.constant('SetMilestone' as const), incidentId: fc.constant(INCIDENT), milestone: fc.constantFrom('detected', 'mitigated'), at: timestamp })),
  rare(fc.record({ type: fc.constant('RenameIncident' as const), incidentId: fc.constant(INCIDENT), name: text })),
  often(fc.record({ type: fc.constant('AddSection' as const), incidentId: fc.constant(INCIDENT), title: text, sectionId, position })),
  rare(fc.record({ type: fc.constant('RenameSection' as const), incidentId: fc.constant(INCIDENT), sectionId, title: text })),
  rare(fc.record({ type: fc.constant('RemoveSection' as const), incidentId: fc.constant(INCIDENT), sectionId })),
  often(fc.record({ type: fc.constant('AddItem' as const), incidentId: fc.constant(INCIDENT), sectionId, title: text, itemId, position })),
  rare(fc.record({ type: fc.constant('RemoveItem' as const), incidentId: fc.constant(INCIDENT), itemId })),
  often(fc.record({ type: fc.constant('RenameItem' as const), incidentId: fc.constant(INCIDENT), itemId, title: text })),
  often(fc.record({ type: fc.constant('MoveItem' as const), incidentId: fc.constant(INCIDENT), itemId, toSectionId: sectionId, position })),
  often(fc.record({ type: fc.constantFrom('CheckItem' as const, 'UncheckItem' as const), incidentId: fc.constant(INCIDENT), itemId })),
  often(fc.record({ type: fc.constantFrom('CheckItem' as const, 'SkipItem' as const, 'RestoreItem' as const, 'RunItemCommand' as const), incidentId: fc.constant(INCIDENT), itemId })),
  often(fc.record({ type: fc.constant('AssignItem' as const), incidentId: fc.constant(INCIDENT), itemId, assigneeId: fc.option(user, { nil: null }) })),
  often(fc.record({ type: fc.constant('SetItemDue' as const), incidentId: fc.constant(INCIDENT), itemId, dueAt: fc.option(timestamp, { nil: null }) })),
) as fc.Arbitrary<IncidentCommand>

/** A sequence of commands that starts with a valid start, so that most of the rest can apply. */
export const incidentSessionArbitrary = fc
  .array(fc.tuple(incidentCommandArbitrary, user), { maxLength: 40 })
  .map((rest) => [
    [
      {
        type: 'StartIncident',
        incidentId: INCIDENT,
        teamId: 'team-1',
        name: 'Checkout errors',
        checklists: [
          { sectionId: 'sec-1', title: 'Triage', items: [{ itemId: 'item-a', title: 'Assess impact' }, { itemId: 'item-b', title: 'Page owners' }] },
          { sectionId: 'sec-2', title: 'Mitigate', items: [{ itemId: 'item-c', title: 'Roll back' }, { itemId: 'item-d', title: 'Verify' }] },
        ],
      } as IncidentCommand,
      'alice',
    ] as const,
    ...rest,
  ])
