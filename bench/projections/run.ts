/**
 * Rebuilds every view of the projections package from a generated log held in memory, against a
 * plain hand-written fold of the same events, and writes bench/results/projections.{json,md}.
 *
 * Run: npm run bench:projections   (BENCH_INCIDENTS, BENCH_EVENTS_PER_INCIDENT to resize)
 */
import { createInMemoryEventStore, createInMemoryProjectionStateStore, decodeEvent, type ProjectionStateStore, type RecordedEvent, type StoredEvent } from '@incident-kit/core'
import type * as E from 'fp-ts/lib/Either.js'
import { applyBatch, applyDecoded, catchUpProjection, incidentReadModelProjection } from '@incident-kit/projections'
import { computeAllViews } from './all-views.js'
import { generateLog, type GeneratedLogOptions } from './generate-log.js'
import { handWrittenFold } from './hand-written-fold.js'
import { measure, median, perSecond, retainedHeapMiB, runFigures, slowest, timingOnly } from './measure.js'
import { writeResults } from './write-results.js'

const settings: GeneratedLogOptions & { warmUpEvents: number; runnerBatchSize: number; snapshotIntervalMs: number } = {
  incidents: Number(process.env.BENCH_INCIDENTS ?? 10_000),
  eventsPerIncident: Number(process.env.BENCH_EVENTS_PER_INCIDENT ?? 100),
  teams: 20,
  concurrent: 50,
  seed: 20261127,
  warmUpEvents: 100_000,
  runnerBatchSize: 10_000,
  // The in-memory state store clones the whole model per save: once a minute, and at the end.
  snapshotIntervalMs: 60_000,
}
const projection = incidentReadModelProjection
const loadAtStart = (await import('node:os')).loadavg()

const heapAtStart = retainedHeapMiB()
const generated = measure(() => [...generateLog(settings)].flat())
let raw: RecordedEvent[] | undefined = generated.result
const events = raw.length
const decoded = measure(() => raw!.map((event) => (decodeEvent(event) as E.Right<StoredEvent>).right))
let stored: StoredEvent[] | undefined = decoded.result
raw = undefined
const heapWithEvents = retainedHeapMiB()

// Warm both folds up on a prefix, so neither pays for the JIT in the measured run.
for (let i = 0; i < 2; i++) {
  applyDecoded(projection, projection.init, stored.slice(0, settings.warmUpEvents))
  handWrittenFold(stored.slice(0, settings.warmUpEvents))
}

// Both folds run ROUNDS times, alternating, and no collection is forced right before a timed run:
// V8 sizes the old generation from the last collection, and a forced one (gc(), as
// retainedHeapMiB calls it) leaves so little room that the next run pays a full mark of the
// 360 MiB of retained events, which no real process does (the warm-up runs in between). Whichever
// fold runs first also pays for growing the heap. Goals are checked on the projection's SLOWEST run.
const ROUNDS = 3
/** In a function of its own, so no result stays referenced from the module's frame. */
const timedRounds = (events: readonly StoredEvent[]) => {
  const rebuildRuns: Array<ReturnType<typeof timingOnly>> = []
  const baselineRuns: Array<ReturnType<typeof timingOnly>> = []
  let baselineIncidents = 0
  for (let round = 0; round < ROUNDS; round++) {
    const baseline = measure(() => handWrittenFold(events).size)
    baselineIncidents = baseline.result
    baselineRuns.push(timingOnly(baseline))
    rebuildRuns.push(timingOnly(measure(() => applyDecoded(projection, projection.init, events))))
  }
  return { rebuildRuns, baselineRuns, baselineIncidents }
}
const { rebuildRuns, baselineRuns, baselineIncidents } = timedRounds(stored)

/** Rebuild (again) and views in one scope, so the model can be collected once they are measured. */
const projectionPhase = (events: readonly StoredEvent[]) => {
  const model = applyDecoded(projection, projection.init, events)
  const heapWithModel = retainedHeapMiB()
  const views = measure(() => computeAllViews(model))
  return { views: timingOnly(views), viewCounts: views.result, heapWithModel, incidents: Object.keys(model.incidents).length }
}
const { views, viewCounts, heapWithModel, incidents } = projectionPhase(stored)
stored = undefined
retainedHeapMiB()

// From recorded events: decoding (io-ts) included, as the runner and buildReadModel do.
raw = [...generateLog(settings)].flat()
const endToEnd = timingOnly(measure(() => applyBatch(projection, projection.init, raw!).state))
retainedHeapMiB()
const store = createInMemoryEventStore({ initialEvents: raw })
raw = undefined
const catchUp = await (async () => {
  // The snapshot at the end (JSON text of the whole model, as the SQL store writes it) is timed apart.
  const memory = createInMemoryProjectionStateStore()
  let saveMs = 0
  const stateStore: ProjectionStateStore = {
    load: memory.load,
    save: async (snapshot) => {
      const started = performance.now()
      await memory.save(snapshot)
      saveMs += performance.now() - started
    },
  }
  const cpuBefore = process.cpuUsage()
  const start = performance.now()
  const { state } = await catchUpProjection({ store, stateStore, projection, batchSize: settings.runnerBatchSize, snapshotIntervalMs: settings.snapshotIntervalMs })
  const cpu = process.cpuUsage(cpuBefore)
  return { incidents: Object.keys(state.incidents).length, wallMs: performance.now() - start, cpuMs: (cpu.user + cpu.system) / 1000, saveMs }
})()

const figures = {
  events,
  incidents,
  baselineIncidents,
  generateMs: Math.round(generated.wallMs),
  decode: { wallMs: Math.round(decoded.wallMs), eventsPerSecond: perSecond(events, decoded.wallMs) },
  projectionRebuild: runFigures(events, rebuildRuns),
  allViews: { wallMs: Math.round(views.wallMs), teams: viewCounts.teams, rows: viewCounts.rows },
  rebuildPlusAllViews: { eventsPerSecond: perSecond(events, slowest(rebuildRuns).wallMs + views.wallMs) },
  baselineHandWrittenFold: runFigures(events, baselineRuns),
  projectionVsBaseline: Number((median(rebuildRuns).wallMs / median(baselineRuns).wallMs).toFixed(2)),
  endToEndWithDecode: { wallMs: Math.round(endToEnd.wallMs), eventsPerSecond: perSecond(events, endToEnd.wallMs) },
  runnerCatchUp: {
    batchSize: settings.runnerBatchSize,
    incidents: catchUp.incidents,
    wallMs: Math.round(catchUp.wallMs),
    cpuMs: Math.round(catchUp.cpuMs),
    eventsPerSecond: perSecond(events, catchUp.wallMs),
    snapshotSaveMs: Math.round(catchUp.saveMs),
    eventsPerSecondWithoutSave: perSecond(events, catchUp.wallMs - catchUp.saveMs),
  },
  heapMiB: {
    atStart: Math.round(heapAtStart),
    retainedWithDecodedEvents: Math.round(heapWithEvents),
    atEndOfRebuild: Math.round(slowest(rebuildRuns).heapAtEndMiB),
    retainedWithEventsAndModel: Math.round(heapWithModel),
    model: Math.round(heapWithModel - heapWithEvents),
    atEndOfViews: Math.round(views.heapAtEndMiB),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  },
}
writeResults({ settings, figures, loadAtStart })
console.log(JSON.stringify(figures, null, 2))
