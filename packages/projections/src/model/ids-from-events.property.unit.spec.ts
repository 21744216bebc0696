import { ANY, START, createInMemoryEventStore, readWholeLog, type RecordedEvent } from '@incident-kit/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyBatch, catchUpState, incidentReadModelProjection, type IncidentReadModel } from '../index.js'
import { modelOf } from '../../test/build-model.js'

const projection = incidentReadModelProjection

/** Ids an imported log may carry that name what every plain object inherits. */
const INHERITED_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']

type EventSpec = Pick<RecordedEvent, 'streamId' | 'type' | 'data'>

const started = (incidentId: string, itemIds: readonly string[]): EventSpec => ({
  streamId: `incident-${incidentId}`,
  type: 'incident.started',
  data: {
    incidentId,
    teamId: 'ops',
    name: 'API down',
    channelName: 'incident-api',
    commanderId: 'bob',
    reporterId: 'alice',
    checklists: [{ sectionId: 's1', title: 'Triage', items: itemIds.map((itemId) => ({ itemId, title: 'Assess impact' })) }],
  },
})

/** A log in a store of its own (which numbers positions and versions), read back as recorded. */
const storedLog = async (specs: readonly EventSpec[]) => {
  const store = createInMemoryEventStore({ now: () => '2026-03-01T09:00:00.000Z' })
  for (const [n, spec] of specs.entries()) {
    const event = { ...spec, id: `e${n}`, occurredAt: '2026-03-01T09:00:00.000Z', actorId: 'alice', commandId: `c${n}`, correlationId: `c${n}`, schemaVersion: 1 }
    await store.appendToStream(spec.streamId, [event], { expectedVersion: ANY })
  }
  return { store, log: await readWholeLog(store) }
}

/** A snapshot as a store keeps it: plain JSON, every object with Object's prototype again. */
const persisted = (state: IncidentReadModel): IncidentReadModel => JSON.parse(JSON.stringify(state)) as IncidentReadModel

/**
 * The first `cut` events caught up and saved as JSON, the events up to `live` caught up from that
 * snapshot, and the rest applied as one live batch.
 */
const resumedAt = async (specs: readonly EventSpec[], cut: number, live = specs.length) => {
  const { log } = await storedLog(specs)
  const storeOf = (end: number) => createInMemoryEventStore({ initialEvents: log.slice(0, end) })
  const first = await catchUpState({ store: storeOf(cut), projection, from: { state: projection.init, checkpoint: START } })
  const resumed = await catchUpState({ store: storeOf(live), projection, from: { state: persisted(first.state), checkpoint: first.checkpoint } })
  return { state: applyBatch(projection, resumed.state, log.slice(live)).state, log }
}

const objectPrototypeNow = () => Object.getOwnPropertyDescriptors(Object.prototype)

describe('ids taken from events (an imported log may carry any)', () => {
  it('never reach Object.prototype when the fold resumes from a snapshot', async () => {
    const { state } = await resumedAt([started('i', ['a']), { streamId: 'incident-i', type: 'checklist.item_renamed', data: { itemId: '__proto__', title: 'polluted' } }], 1)
    expect(({} as { title?: string }).title).toBeUndefined()
    expect(state.incidents.i!.items.a!.title).toBe('Assess impact')
  })

  it('skip a checklist event of an incident that never started, on a rebuild and on a resume', async () => {
    const specs: EventSpec[] = [
      started('i', ['a']),
      ...['toString', '__proto__'].map((incidentId) => ({ streamId: `incident-${incidentId}`, type: 'checklist.item_checked', data: { itemId: 'a' } })),
    ]
    const { state, log } = await resumedAt(specs, 1)
    expect(Object.keys(state.incidents)).toEqual(['i'])
    expect(modelOf(log)).toEqual(state)
  })

  it('for any ids, never change Object.prototype, and a resume from any snapshot, then a live batch, equals a full rebuild', async () => {
    const id = fc.oneof(fc.constantFrom(...INHERITED_NAMES), fc.string({ maxLength: 3 }))
    const eventSpec = fc.oneof(
      fc.tuple(id, fc.array(id, { maxLength: 3 })).map(([incidentId, itemIds]) => started(incidentId, [...new Set(itemIds)])),
      fc.tuple(id, id).map(([incidentId, itemId]) => ({ streamId: `incident-${incidentId}`, type: 'checklist.item_renamed', data: { itemId, title: 'polluted' } })),
      fc.tuple(id, id).map(([incidentId, itemId]) => ({ streamId: `incident-${incidentId}`, type: 'checklist.item_checked', data: { itemId } })),
      fc.tuple(id, id).map(([incidentId, itemId]) => ({
        streamId: `incident-${incidentId}`,
        type: 'checklist.item_added',
        data: { sectionId: 's1', itemId, title: 'Added', position: 0 },
      })),
      fc.tuple(id, id, fc.option(fc.constant('polluted'), { nil: null })).map(([incidentId, key, value]) => ({ streamId: `incident-${incidentId}`, type: 'incident.metadata_set', data: { key, value } })),
      id.map((playbookId) => ({ streamId: `playbook-${playbookId}`, type: 'playbook.created', data: { playbookId, teamId: 'ops', title: 'Outage', checklists: [] } })),
      id.map((playbookId) => ({ streamId: `playbook-${playbookId}`, type: 'playbook.archived', data: {} })),
    )
    const before = objectPrototypeNow()
    await fc.assert(
      fc.asyncProperty(fc.array(eventSpec, { minLength: 1, maxLength: 12 }), fc.nat(), fc.nat(), async (specs, cutAt, liveAt) => {
        const [cut, live] = [cutAt % (specs.length + 1), liveAt % (specs.length + 1)].sort((a, b) => a - b) as [number, number]
        const { state, log } = await resumedAt(specs, cut, live)
        expect(objectPrototypeNow()).toEqual(before)
        expect(state).toEqual(modelOf(log))
      }),
      { numRuns: 150 },
    )
  })
})
