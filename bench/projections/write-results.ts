import { readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { createRequire } from 'node:module'
import type { runFigures } from './measure.js'

const require = createRequire(import.meta.url)
const versionOf = (name: string) => {
  try {
    return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version
  } catch {
    return 'unknown'
  }
}

const GOAL_EVENTS_PER_SECOND = 1_000_000
const GOAL_HEAP_MIB = 1024

type Rate = ReturnType<typeof runFigures>

/** What `run.ts` measured. */
export interface BenchFigures {
  readonly events: number
  readonly incidents: number
  readonly decode: { wallMs: number; eventsPerSecond: number }
  readonly projectionRebuild: Rate
  readonly allViews: { wallMs: number; teams: number; rows: number }
  readonly rebuildPlusAllViews: { eventsPerSecond: number }
  readonly baselineHandWrittenFold: Rate
  readonly projectionVsBaseline: number
  readonly endToEndWithDecode: { wallMs: number; eventsPerSecond: number }
  readonly runnerCatchUp: { batchSize: number; wallMs: number; cpuMs: number; eventsPerSecond: number; snapshotSaveMs: number; eventsPerSecondWithoutSave: number }
  readonly heapMiB: Readonly<Record<string, number>> & { readonly retainedWithEventsAndModel: number }
}

const row = (label: string, wallMs: number, cpuMs: number | string, rate: number | string) => `| ${label} | ${wallMs} | ${cpuMs} | ${rate} |`

/** Writes bench/results/projections.json and .md: machine, versions, settings, load, figures, goals. */
export const writeResults = ({ settings, figures, loadAtStart }: { settings: object; figures: BenchFigures; loadAtStart: number[] }) => {
  const date = new Date().toISOString()
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverageAtStart: loadAtStart.map((l) => Number(l.toFixed(2))),
    loadAverageAtEnd: os.loadavg().map((l) => Number(l.toFixed(2))),
  }
  const versions = { node: process.version, immer: versionOf('immer'), ioTs: versionOf('io-ts'), fpTs: versionOf('fp-ts'), v8: process.versions.v8 }
  const goals = {
    eventsPerSecond: { goal: GOAL_EVENTS_PER_SECOND, measured: figures.projectionRebuild.eventsPerSecond, met: figures.projectionRebuild.eventsPerSecond >= GOAL_EVENTS_PER_SECOND },
    eventsPerCpuSecond: { goal: GOAL_EVENTS_PER_SECOND, measured: figures.projectionRebuild.eventsPerCpuSecond, met: figures.projectionRebuild.eventsPerCpuSecond >= GOAL_EVENTS_PER_SECOND },
    heapMiB: { goal: GOAL_HEAP_MIB, measured: figures.heapMiB.retainedWithEventsAndModel, met: figures.heapMiB.retainedWithEventsAndModel < GOAL_HEAP_MIB },
  }
  const result = { benchmark: 'projections-rebuild', date, machine, versions, settings, figures, goals }
  writeFileSync('bench/results/projections.json', `${JSON.stringify(result, null, 2)}\n`)
  const f = figures
  writeFileSync(
    'bench/results/projections.md',
    [
      `# Projections: rebuilding every view from ${f.events.toLocaleString('en')} events (${date})`,
      '',
      `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB. Load average at start ${machine.loadAverageAtStart.join(' ')}, at end ${machine.loadAverageAtEnd.join(' ')} (other sessions run tests on the same 2 cores: wall-clock figures are slowed by that load; CPU-time rates are less affected).`,
      `Versions: Node ${versions.node} (V8 ${versions.v8}), immer ${versions.immer}, io-ts ${versions.ioTs}.`,
      `Settings: ${JSON.stringify(settings)}. After a warm-up of both folds on the first events, both run several times, alternating (baseline first); no collection is forced right before a timed run (heaps are measured after). Goals are checked on the slowest run.`,
      '',
      '| phase | wall ms | CPU ms | events/s (wall) |',
      '| --- | ---: | ---: | ---: |',
      row('decode (core `decodeEvent`, io-ts)', f.decode.wallMs, '', f.decode.eventsPerSecond),
      row(`**projection rebuild** (decoded events → read model), slowest of ${f.projectionRebuild.runsWallMs.length} runs (median ${f.projectionRebuild.medianEventsPerSecond.toLocaleString('en')}/s)`, f.projectionRebuild.wallMs, f.projectionRebuild.cpuMs, f.projectionRebuild.eventsPerSecond),
      row('all views over the model (every team, every incident)', f.allViews.wallMs, '', ''),
      row('rebuild + all views', f.projectionRebuild.wallMs + f.allViews.wallMs, '', f.rebuildPlusAllViews.eventsPerSecond),
      row(`baseline: hand-written fold (Maps, no immer), slowest of ${f.baselineHandWrittenFold.runsWallMs.length} runs (median ${f.baselineHandWrittenFold.medianEventsPerSecond.toLocaleString('en')}/s)`, f.baselineHandWrittenFold.wallMs, f.baselineHandWrittenFold.cpuMs, f.baselineHandWrittenFold.eventsPerSecond),
      row('end to end: recorded events → model (decode included)', f.endToEndWithDecode.wallMs, '', f.endToEndWithDecode.eventsPerSecond),
      row(`runner catch-up from an in-memory store, decode included (batches of ${f.runnerCatchUp.batchSize}, one private copy)`, f.runnerCatchUp.wallMs, f.runnerCatchUp.cpuMs, f.runnerCatchUp.eventsPerSecond),
      row('… of which the snapshot saved at the end (the whole model as JSON text)', f.runnerCatchUp.snapshotSaveMs, '', ''),
      row('… runner catch-up without the snapshot', f.runnerCatchUp.wallMs - f.runnerCatchUp.snapshotSaveMs, '', f.runnerCatchUp.eventsPerSecondWithoutSave),
      '',
      `Projection rebuild per CPU second: ${f.projectionRebuild.eventsPerCpuSecond.toLocaleString('en')} events; baseline ${f.baselineHandWrittenFold.eventsPerCpuSecond.toLocaleString('en')}. Wall times of the runs: projection ${f.projectionRebuild.runsWallMs.join(', ')} ms, baseline ${f.baselineHandWrittenFold.runsWallMs.join(', ')} ms (alternating, baseline first); projection / baseline median wall time: ${f.projectionVsBaseline}×.`,
      `Views computed: ${f.allViews.rows.toLocaleString('en')} rows for ${f.allViews.teams} teams and ${f.incidents} incidents.`,
      '',
      `Heap (MiB): ${Object.entries(f.heapMiB).map(([k, v]) => `${k} ${v}`).join(', ')}.`,
      '',
      '## Goals',
      '',
      `- ≥ 1,000,000 events/s (wall): ${goals.eventsPerSecond.met ? 'met' : 'NOT met'} (${goals.eventsPerSecond.measured.toLocaleString('en')}).`,
      `- ≥ 1,000,000 events per CPU second: ${goals.eventsPerCpuSecond.met ? 'met' : 'NOT met'} (${goals.eventsPerCpuSecond.measured.toLocaleString('en')}).`,
      `- < 1 GiB heap with all events and the model retained: ${goals.heapMiB.met ? 'met' : 'NOT met'} (${goals.heapMiB.measured} MiB).`,
      '',
    ].join('\n'),
  )
}
