import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import {
  readWholeLog,
  createCommandHandler,
  createInMemoryEventStore,
  manualClock,
  sequentialIds,
  type Command,
  type RecordedEvent,
} from '@incident-kit/core'

const incidents = ['i1', 'i2']
const items = ['a', 'b', 'c', 'd']
const sections = ['s1', 's2']
const users = ['alice', 'bob', 'carol']

const incidentId = fc.constantFrom(...incidents)
const itemId = fc.constantFrom(...items)
const sectionId = fc.constantFrom(...sections)
const user = fc.constantFrom(...users)
const title = fc.constantFrom('Roll back deploy', 'Page on-call', 'Assess impact', 'Write summary')
const when = fc.integer({ min: 0, max: 3 * 3600_000 }).map((ms) => new Date(Date.parse('2026-03-01T07:00:00.000Z') + ms).toISOString())

const often = <T>(arbitrary: fc.Arbitrary<T>) => ({ arbitrary, weight: 8 })
const sometimes = <T>(arbitrary: fc.Arbitrary<T>) => ({ arbitrary, weight: 2 })
const rarely = <T>(arbitrary: fc.Arbitrary<T>) => ({ arbitrary, weight: 1 })

/** Commands on two incidents of one team, weighted towards checklist work; the core rejects some. */
const commandArbitrary: fc.Arbitrary<Command> = fc.oneof(
  often(fc.record({ type: fc.constant('AddItem'), incidentId, sectionId, itemId, title })),
  often(fc.record({ type: fc.constantFrom('CheckItem', 'UncheckItem', 'SkipItem', 'RestoreItem', 'RunItemCommand'), incidentId, itemId })),
  sometimes(fc.record({ type: fc.constant('RemoveItem'), incidentId, itemId })),
  sometimes(fc.record({ type: fc.constant('RenameItem'), incidentId, itemId, title })),
  sometimes(fc.record({ type: fc.constant('MoveItem'), incidentId, itemId, toSectionId: sectionId })),
  sometimes(fc.record({ type: fc.constant('AssignItem'), incidentId, itemId, assigneeId: fc.option(user, { nil: null }) })),
  sometimes(fc.record({ type: fc.constant('SetItemDue'), incidentId, itemId, dueAt: fc.option(when, { nil: null }) })),
  sometimes(fc.record({ type: fc.constant('AddSection'), incidentId, sectionId, title })),
  rarely(fc.record({ type: fc.constant('RenameSection'), incidentId, sectionId, title })),
  rarely(fc.record({ type: fc.constant('RemoveSection'), incidentId, sectionId })),
  sometimes(fc.record({ type: fc.constant('ChangeCommander'), incidentId, commanderId: user })),
  sometimes(fc.record({ type: fc.constant('PostStatusUpdate'), incidentId, message: title })),
  sometimes(fc.record({ type: fc.constant('AddNote'), incidentId, text: title })),
  sometimes(fc.record({ type: fc.constant('SetMilestone'), incidentId, milestone: fc.constantFrom('detected', 'mitigated'), at: when })),
  sometimes(fc.record({ type: fc.constant('SetMetadata'), incidentId, key: fc.constantFrom('severity', 'region'), value: fc.option(title, { nil: null }) })),
  rarely(fc.record({ type: fc.constantFrom('EndIncident', 'ReopenIncident'), incidentId })),
  rarely(fc.record({ type: fc.constant('RecordStatusReminder'), incidentId, dueAt: when })),
) as fc.Arbitrary<Command>

const starts: Command[] = incidents.map((id) => ({
  type: 'StartIncident',
  incidentId: id,
  teamId: 'ops',
  name: `Incident ${id}`,
  checklists: [{ sectionId: 's1', title: 'Triage', items: [{ itemId: 'a', title: 'Assess impact' }] }],
  ...(id === 'i2' ? { statusUpdateIntervalMinutes: 15 } : {}),
}))

/** Steps of a session: who sends which command, and how long after the previous one. */
export const sessionArbitrary = fc.array(fc.tuple(commandArbitrary, user, fc.integer({ min: 0, max: 600_000 })), { minLength: 10, maxLength: 80, size: 'medium' })

/** Runs a session through the real command handler and returns the log it wrote. */
export const logOf = async (session: ReadonlyArray<readonly [Command, string, number]>): Promise<readonly RecordedEvent[]> => {
  const clock = manualClock('2026-03-01T08:00:00.000Z')
  const store = createInMemoryEventStore({ now: clock.now })
  const handler = createCommandHandler({ store, clock, ids: sequentialIds() })
  let n = 0
  const steps: Array<readonly [Command, string, number]> = [...starts.map((c) => [c, 'alice', 1000] as const), ...session]
  for (const [command, actorId, advance] of steps) {
    clock.advance(advance)
    n += 1
    const result = await handler.handle(command, { commandId: `c${n}`, actorId })
    if (E.isLeft(result) && result.left._tag === 'ConcurrencyConflict') throw new Error(result.left.message)
  }
  return readWholeLog(store)
}

/** A recorded event of a type no release knows yet, in a stream of its own, at a given place in the log. */
export const futureEvent = (index: number, like: RecordedEvent): RecordedEvent => ({
  ...like,
  id: `future-${index}`,
  streamId: 'incident-from-the-future',
  version: index + 1,
  commandId: `future-${index}`,
  type: 'incident.escalated',
  data: { level: index },
})
