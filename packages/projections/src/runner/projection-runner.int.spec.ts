import { ANY, CORRUPT_EVENT, CorruptEventError, START, createInMemoryProjectionStateStore, type NewEventEnvelope, type ProjectionStateStore } from '@incident-kit/core'
import { newTestEvent } from '@incident-kit/core/testing'
import { describe, expect, it, vi } from 'vitest'
import {
  activeIncidents,
  catchUpProjection,
  createProjectionRunner,
  incidentReadModelProjection,
  type IncidentReadModel,
  type Projection,
} from '../index.js'
import { modelOf } from '../../test/build-model.js'
import { createIncidentScenario } from '../testing/index.js'

const startApi = { type: 'StartIncident', incidentId: 'api', teamId: 'ops', name: 'API down' } as const

const runnerOver = (
  store: ReturnType<typeof createIncidentScenario>['store'],
  stateStore: ProjectionStateStore,
  projection: Projection<IncidentReadModel> = incidentReadModelProjection,
  batchSize = 3,
) => createProjectionRunner({ store, stateStore, projection, batchSize, snapshotIntervalMs: 0 })

const allEvents = async (scenario: ReturnType<typeof createIncidentScenario>) => modelOf(await scenario.events())

describe('createProjectionRunner', () => {
  it('catches up from the start, then follows live events', async () => {
    const scenario = createIncidentScenario('2026-03-01T08:00:00.000Z')
    await scenario.run('alice', startApi)
    for (let i = 0; i < 5; i++) await scenario.advance(1000).run('alice', { type: 'AddNote', incidentId: 'api', text: `note ${i}` })
    const seen: string[] = []
    const runner = createProjectionRunner({
      store: scenario.store,
      stateStore: createInMemoryProjectionStateStore(),
      projection: incidentReadModelProjection,
      batchSize: 2,
      onBatch: (_, checkpoint) => seen.push(checkpoint),
    })
    await runner.start()
    await runner.caughtUp()
    expect(runner.state()).toEqual(await allEvents(scenario))
    expect(runner.stats()).toMatchObject({ applied: 6, skipped: 0, batches: 3, rebuilt: true })

    await scenario.advance(1000).run('bob', { type: 'StartIncident', incidentId: 'db', teamId: 'ops', name: 'Replica lag' })
    await runner.caughtUp()
    expect(activeIncidents(runner.state(), 'ops').map((i) => i.incidentId)).toEqual(['db', 'api'])
    expect(runner.state()).toEqual(await allEvents(scenario))
    expect(seen.at(-1)).toBe(runner.checkpoint())
    await runner.stop()
    await expect(runner.closed).resolves.toBeUndefined()
  })

  it('calls onBatch once when the catch-up is done, also when it applied nothing', async () => {
    const scenario = createIncidentScenario('2026-03-01T08:00:00.000Z')
    const stateStore = createInMemoryProjectionStateStore()
    const runnerSeeing = (seen: [IncidentReadModel, string][]) =>
      createProjectionRunner({ store: scenario.store, stateStore, projection: incidentReadModelProjection, onBatch: (state, checkpoint) => seen.push([state, checkpoint]) })

    const onEmptyLog: [IncidentReadModel, string][] = []
    const empty = runnerSeeing(onEmptyLog)
    await empty.start()
    expect(onEmptyLog).toEqual([[incidentReadModelProjection.init, START]])
    await empty.stop()

    await scenario.run('alice', startApi)
    const saved = await catchUpProjection({ store: scenario.store, stateStore, projection: incidentReadModelProjection })
    const onSnapshotAtEnd: [IncidentReadModel, string][] = []
    const resumed = runnerSeeing(onSnapshotAtEnd)
    await resumed.start()
    expect(resumed.stats()).toMatchObject({ applied: 0, batches: 0, rebuilt: false })
    expect(onSnapshotAtEnd).toEqual([[saved.state, saved.checkpoint]])
    await resumed.stop()
  })

  it('resumes from its saved checkpoint after a restart, applying only what is new', async () => {
    const scenario = createIncidentScenario('2026-03-01T08:00:00.000Z')
    const stateStore = createInMemoryProjectionStateStore()
    await scenario.run('alice', startApi)
    await scenario.run('alice', { type: 'AddNote', incidentId: 'api', text: 'one' })
    const first = runnerOver(scenario.store, stateStore)
    await first.start()
    await first.caughtUp()
    await first.stop()

    await scenario.run('alice', { type: 'AddNote', incidentId: 'api', text: 'two' })
    await scenario.run('alice', { type: 'EndIncident', incidentId: 'api' })
    const second = runnerOver(scenario.store, stateStore)
    await second.start()
    await second.caughtUp()
    expect(second.stats()).toMatchObject({ applied: 2, rebuilt: false })
    expect(second.state()).toEqual(await allEvents(scenario))
    expect((await stateStore.load('incident-read-model'))?.checkpoint).toBe(second.checkpoint())
    await second.stop()
  })

  it('never changes a state it handed out: the catch-up folds into its own copy, live batches copy on write', async () => {
    const scenario = createIncidentScenario('2026-03-01T08:00:00.000Z')
    const stateStore = createInMemoryProjectionStateStore()
    await scenario.run('alice', startApi)
    await catchUpProjection({ store: scenario.store, stateStore, projection: incidentReadModelProjection })
    await scenario.run('alice', { type: 'AddNote', incidentId: 'api', text: 'one' })
    const handedOut: IncidentReadModel[] = []
    const runner = createProjectionRunner({ store: scenario.store, stateStore, projection: incidentReadModelProjection, batchSize: 1, onBatch: (state) => handedOut.push(state) })
    await runner.start()
    await runner.caughtUp()
    const frozen = handedOut.map((state) => structuredClone(state))
    await scenario.run('alice', { type: 'AddNote', incidentId: 'api', text: 'two' })
    await scenario.run('alice', { type: 'EndIncident', incidentId: 'api' })
    await runner.caughtUp()
    await runner.stop()
    expect(handedOut.slice(0, frozen.length)).toEqual(frozen)
    expect(frozen[0]!.incidents.api!.timeline).toHaveLength(2)
    expect(runner.state().incidents.api!.timeline).toHaveLength(4)
  })

  it('rebuilds from the start when the projection version changes', async () => {
    const scenario = createIncidentScenario('2026-03-01T08:00:00.000Z')
    const stateStore = createInMemoryProjectionStateStore()
    await scenario.run('alice', startApi)
    const stale = { ...incidentReadModelProjection, version: 0 }
    await stateStore.save({ name: stale.name, version: stale.version, checkpoint: (await scenario.events()).at(-1)!.position, state: stale.init })
    const runner = runnerOver(scenario.store, stateStore)
    await runner.start()
    await runner.caughtUp()
    expect(runner.stats()).toMatchObject({ applied: 1, rebuilt: true })
    expect(runner.state()).toEqual(await allEvents(scenario))
    await runner.stop()
  })

  it('skips and counts events of unknown types instead of failing', async () => {
    const scenario = createIncidentScenario('2026-03-01T08:00:00.000Z')
    await scenario.run('alice', startApi)
    const future: NewEventEnvelope[] = [newTestEvent({ type: 'incident.escalated', data: { level: 3 } })]
    await scenario.store.appendToStream('incident-api', future, { expectedVersion: ANY })
    // The core's handler cannot decide on a stream holding a type it does not know: note elsewhere.
    await scenario.run('alice', { type: 'StartIncident', incidentId: 'db', teamId: 'ops', name: 'Replica lag' })
    const runner = runnerOver(scenario.store, createInMemoryProjectionStateStore())
    await runner.start()
    await runner.caughtUp()
    expect(runner.stats()).toMatchObject({ applied: 2, skipped: 1 })
    expect(runner.state().skipped.unknownType).toBe(1)
    expect(Object.keys(runner.state().incidents).sort()).toEqual(['api', 'db'])
    expect(runner.state().incidents.api!.timeline.map((t) => t.type)).toEqual(['incident.started'])
    await runner.stop()
  })

  it('stops with CORRUPT_EVENT, naming stream and version, when the store cannot read a row', async () => {
    const scenario = createIncidentScenario('2026-03-01T08:00:00.000Z')
    await scenario.run('alice', startApi)
    const unreadable = new CorruptEventError('incident-api', 2, 'data is not valid JSON')
    const store = { ...scenario.store, readAll: () => Promise.reject(unreadable) }
    const runner = createProjectionRunner({ store, stateStore: createInMemoryProjectionStateStore(), projection: incidentReadModelProjection })
    await expect(runner.start()).resolves.toBeUndefined()
    await expect(runner.closed).rejects.toMatchObject({ code: CORRUPT_EVENT, streamId: 'incident-api', version: 2 })
    await expect(runner.caughtUp()).rejects.toBe(unreadable)
    expect(runner.stats()).toMatchObject({ applied: 0, skipped: 0 })
  })

  it('stops with the error when the state cannot be saved', async () => {
    const scenario = createIncidentScenario('2026-03-01T08:00:00.000Z')
    await scenario.run('alice', startApi)
    const failing: ProjectionStateStore = {
      load: async () => undefined,
      save: async () => {
        throw new Error('disk full')
      },
    }
    const runner = runnerOver(scenario.store, failing)
    await runner.start()
    await expect(runner.closed).rejects.toThrow('disk full')
    await expect(runner.caughtUp()).rejects.toThrow('disk full')
  })

  it('keeps no handler per caughtUp() call, and still fails one that waits when the runner fails', async () => {
    const scenario = createIncidentScenario('2026-03-01T08:00:00.000Z')
    await scenario.run('alice', startApi)
    const runner = runnerOver(scenario.store, createInMemoryProjectionStateStore())
    await runner.start()
    const handlersAdded = vi.spyOn(runner.closed, 'then')
    for (let i = 0; i < 100; i++) await runner.caughtUp()
    expect(handlersAdded).not.toHaveBeenCalled()
    await runner.stop()

    const full: ProjectionStateStore = {
      load: async () => undefined,
      save: async () => {
        throw new Error('disk full')
      },
    }
    const failing = runnerOver(scenario.store, full)
    void failing.start()
    await expect(failing.caughtUp()).rejects.toThrow('disk full')
  })

  it('saves at most once per snapshot interval, and on stop', async () => {
    const scenario = createIncidentScenario('2026-03-01T08:00:00.000Z')
    await scenario.run('alice', startApi)
    for (let i = 0; i < 5; i++) await scenario.run('alice', { type: 'AddNote', incidentId: 'api', text: `note ${i}` })
    const saved: string[] = []
    const memory = createInMemoryProjectionStateStore()
    const counting: ProjectionStateStore = { load: memory.load, save: async (snapshot) => (saved.push(snapshot.checkpoint), memory.save(snapshot)) }
    let now = 0
    const runner = createProjectionRunner({
      // Every read of a page takes 400 ms on this clock; saving takes none.
      store: { ...scenario.store, readAll: (options) => ((now += 400), scenario.store.readAll(options)) },
      stateStore: counting,
      projection: incidentReadModelProjection,
      batchSize: 1,
      snapshotIntervalMs: 1000,
      now: () => now,
    })
    await runner.start()
    await runner.caughtUp()
    // Batches at 400, 800, 1200, 1600, 2000, 2400: saves at 400 and 1600.
    expect(saved).toHaveLength(2)
    await runner.stop()
    expect(saved).toHaveLength(3)
    expect(saved.at(-1)).toBe(runner.checkpoint())
    expect((await memory.load<IncidentReadModel>('incident-read-model'))?.state).toEqual(runner.state())
  })

  it('saves a slow snapshot less often: at most a tenth of the time goes to saving', async () => {
    const scenario = createIncidentScenario('2026-03-01T08:00:00.000Z')
    await scenario.run('alice', startApi)
    for (let i = 0; i < 19; i++) await scenario.run('alice', { type: 'AddNote', incidentId: 'api', text: `note ${i}` })
    let now = 0
    const savedAt: number[] = []
    const memory = createInMemoryProjectionStateStore()
    // Each save takes 500 ms on this clock, each page 100 ms.
    const slow: ProjectionStateStore = { load: memory.load, save: async (snapshot) => (savedAt.push(now), (now += 500), memory.save(snapshot)) }
    const { state } = await catchUpProjection({
      store: { readAll: (options) => ((now += 100), scenario.store.readAll(options)) },
      stateStore: slow,
      projection: incidentReadModelProjection,
      batchSize: 1,
      snapshotIntervalMs: 100,
      now: () => now,
    })
    // 20 batches over 2.6 s: with a 100 ms interval that would be 20 saves; the first save took 500 ms,
    // so the next waits 5 s and only the final one (the end of the catch-up) follows.
    expect(savedAt).toEqual([100, savedAt[1]])
    expect(savedAt[1]).toBeGreaterThanOrEqual(2500)
    expect((await memory.load<IncidentReadModel>('incident-read-model'))?.state).toEqual(state)
  })
})

describe('catchUpProjection', () => {
  it('brings the state to the end of the log once and saves it', async () => {
    const scenario = createIncidentScenario('2026-03-01T08:00:00.000Z')
    const stateStore = createInMemoryProjectionStateStore()
    await scenario.run('alice', startApi)
    await scenario.run('alice', { type: 'AddNote', incidentId: 'api', text: 'one' })
    const first = await catchUpProjection({ store: scenario.store, stateStore, projection: incidentReadModelProjection, batchSize: 1 })
    expect(first.state).toEqual(await allEvents(scenario))
    await scenario.run('alice', { type: 'EndIncident', incidentId: 'api' })
    const second = await catchUpProjection({ store: scenario.store, stateStore, projection: incidentReadModelProjection })
    expect(second.state).toEqual(await allEvents(scenario))
    expect((await stateStore.load('incident-read-model'))?.checkpoint).toBe(second.checkpoint)
  })
})
