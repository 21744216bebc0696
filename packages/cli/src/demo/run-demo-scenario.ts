import * as E from 'fp-ts/lib/Either.js'
import { createCommandHandler, manualClock, type EventStore } from '@incident-kit/core'
import { failure } from '../cli/cli-errors.js'
import { nameBasedId, nameBasedIds } from '../playbooks/name-based-id.js'
import { seedStarterPlaybooks, starterPlaybookId } from '../playbooks/seed-playbooks.js'
import { DEMO_DAY, DEMO_TEAM_ID, demoSteps } from './demo-scenario.js'

/** What a demo run did: how many steps it appended (0 when the demo had run before). */
export interface DemoRunResult {
  readonly stepsAppended: number
  readonly stepsTotal: number
}

/**
 * Plays the demo incident into a store through the command handler, with a manual clock and
 * name-based ids: every step's command id and event ids derive from the step, so a second run
 * appends nothing (the handler returns the first result) and an interrupted run resumes where it
 * stopped.
 *
 * @example
 * await runDemoScenario(createInMemoryEventStore()) // { stepsAppended: 39, stepsTotal: 39 }
 */
export const runDemoScenario = async (store: EventStore): Promise<DemoRunResult> => {
  const clock = manualClock(`${DEMO_DAY}T08:50:00.000Z`)
  await seedStarterPlaybooks({
    store,
    clock,
    teamId: DEMO_TEAM_ID,
    actorId: 'alice',
  })
  const steps = demoSteps(starterPlaybookId(DEMO_TEAM_ID, 'information-security'))
  let stepsAppended = 0
  for (const step of steps) {
    clock.set(`${DEMO_DAY}T${step.at}:00.000Z`)
    const handler = createCommandHandler({ store, clock, ids: nameBasedIds(`demo-step:${step.key}`) })
    const commandId = nameBasedId('demo-command', step.key)
    const alreadyDone = (await store.readByCommandId(commandId)).length > 0
    const result = await handler.handle(step.command, { commandId, actorId: step.actorId })
    if (E.isLeft(result)) throw failure(`demo step "${step.key}" failed: ${result.left.message}`)
    if (!alreadyDone) stepsAppended++
  }
  return { stepsAppended, stepsTotal: steps.length }
}
