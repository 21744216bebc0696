import { ANY, START, createInMemoryEventStore, type RecordedEvent } from '@incident-kit/core'
import { newTestEvent } from '@incident-kit/core/testing'
import { beforeAll, describe, expect, it } from 'vitest'
import { catchUpState, emptyReadModel, incidentReadModelProjection, type IncidentReadModel } from '../index.js'
import { modelOf } from '../../test/build-model.js'
import { outageScenario } from '../../test/outage-scenario.js'

let scenario: Awaited<ReturnType<typeof outageScenario>>
beforeAll(async () => {
  scenario = await outageScenario()
})

const projection = incidentReadModelProjection
const storeOf = (events: readonly RecordedEvent[]) => createInMemoryEventStore({ initialEvents: events })

describe('catchUpState', () => {
  it("folds every page into one state equal to a rebuild, and never changes the projection's init", async () => {
    const initBefore = structuredClone(emptyReadModel)
    const caught = await catchUpState({ store: storeOf(scenario.events), projection, from: { state: projection.init, checkpoint: START }, batchSize: 4 })
    expect(caught.state).toEqual(modelOf(scenario.events))
    expect(caught).toMatchObject({ applied: scenario.events.length, skipped: 0, batches: Math.ceil(scenario.events.length / 4) })
    expect(caught.checkpoint).toBe(scenario.events.at(-1)!.position)
    expect(emptyReadModel).toEqual(initBefore)
    expect(caught.state).not.toBe(projection.init)
  })

  it('continues a state of its own from its checkpoint, in place, and counts what it skipped', async () => {
    const store = storeOf(scenario.events)
    const half = Math.floor(scenario.events.length / 2)
    const first = await catchUpState({ store: storeOf(scenario.events.slice(0, half)), projection, from: { state: projection.init, checkpoint: START } })
    await store.appendToStream('incident-api', [newTestEvent({ type: 'incident.escalated', data: { level: 2 } })], { expectedVersion: ANY })
    const rest = await catchUpState({ store, projection, from: { state: first.state, checkpoint: first.checkpoint } })
    expect(rest.state).toBe(first.state)
    expect(rest).toMatchObject({ applied: scenario.events.length - half, skipped: 1 })
    const { skipped, ...withoutSkips } = rest.state as IncidentReadModel
    const { skipped: _none, ...rebuilt } = modelOf(scenario.events)
    expect(withoutSkips).toEqual(rebuilt)
    expect(skipped.unknownType).toBe(1)
  })

  it('ends where it is when told to stop, with a checkpoint to resume from', async () => {
    let reads = 0
    const store = storeOf(scenario.events)
    const counting = { readAll: (options: Parameters<typeof store.readAll>[0]) => ((reads += 1), store.readAll(options)) }
    const stopped = await catchUpState({ store: counting, projection, from: { state: projection.init, checkpoint: START }, batchSize: 2, stopped: () => reads >= 2 })
    expect(stopped).toMatchObject({ applied: 4, batches: 2, checkpoint: scenario.events[3]!.position })
    const resumed = await catchUpState({ store, projection, from: stopped })
    expect(resumed.state).toEqual(modelOf(scenario.events))
  })
})
