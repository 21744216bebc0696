import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Figure } from './measure.js'

export interface BenchResults {
  readonly startedAt: string
  readonly machine: Record<string, unknown>
  readonly versions: Record<string, string>
  readonly settings: Record<string, unknown>
  readonly figures: readonly Figure[]
  readonly notes: readonly string[]
}

const key = (f: Figure) => `${f.workload}|${f.variant}|${f.database}`

/* Unrounded: a target is judged on the ratio itself (1.996 is not "at least 2"). */
const ratio = (ours: Figure | undefined, other: Figure | undefined) =>
  ours && other && other.eventsPerSecond > 0 ? ours.eventsPerSecond / other.eventsPerSecond : undefined

/**
 * The lowest and highest per-round ratio: each round measured both stores seconds apart, so the
 * spread is how far the machine's load moved the ratio within the run.
 */
const roundRatioRange = (ours: Figure | undefined, other: Figure | undefined) => {
  const mine = ours?.roundsEventsPerSecond
  const theirs = other?.roundsEventsPerSecond
  if (!mine || !theirs || mine.length === 0 || mine.length !== theirs.length) return undefined
  const perRound = mine.map((rate, round) => rate / theirs[round]!).filter(Number.isFinite)
  return perRound.length === 0 ? undefined : { min: Math.min(...perRound), max: Math.max(...perRound) }
}

/** A ratio cut (not rounded) to two decimals, so that a ratio shown as 2.00 is at least 2. */
const shown = (r: number) => (Math.floor(r * 100 + 1e-9) / 100).toFixed(2)

/** The targets of the issue, checked against the figures. */
export const targets = (figures: readonly Figure[]) => {
  const groups = [...new Set(figures.map(key))]
  const find = (k: string, kind: Figure['kind']) => figures.find((f) => key(f) === k && f.kind === kind)
  const versusEmmett = (kind: Figure['kind']) =>
    groups
      .map((k) => {
        const [ours, emmett] = [find(k, kind), find(k, 'emmett')]
        return { group: k, ratio: ratio(ours, emmett), rounds: roundRatioRange(ours, emmett) }
      })
      .filter((g) => g.ratio !== undefined)
      .map((g) => ({ ...g, met: (g.ratio ?? 0) >= 2 }))
  const vsEmmett = versusEmmett('ours')
  const w1 = figures.filter((f) => f.workload === 'W1' && f.database === 'sqlite')
  const rawRatio = ratio(
    w1.find((f) => f.kind === 'ours'),
    w1.find((f) => f.kind === 'raw'),
  )
  const rebuild = figures.find((f) => f.workload === 'W5' && f.database === 'sqlite' && f.kind === 'ours' && f.variant.endsWith('decode on'))
  return {
    atLeast2xEmmettEverywhere: vsEmmett.every((g) => g.met),
    vsEmmett,
    /** W4 with the stream cache off, for comparison; the targets judge the store as it ships. */
    noCacheVsEmmett: versusEmmett('ours-no-cache'),
    /** The raw driver floor (no checks, nothing returned) against Emmett: how much room a workload leaves. */
    rawVsEmmett: versusEmmett('raw'),
    sqliteSingleAppendVsRaw: { ratio: rawRatio, met: (rawRatio ?? 0) >= 0.6 },
    sqliteRebuildDecodeOn: { eventsPerSecond: rebuild?.eventsPerSecond, met: (rebuild?.eventsPerSecond ?? 0) >= 300_000 },
  }
}

interface GroupRatio {
  readonly group: string
  readonly ratio: number | undefined
  readonly rounds: { readonly min: number; readonly max: number } | undefined
  readonly met: boolean
}

/** Each group's ratio, with its rounds' range; `marked` flags those below the target with ✗. */
const ratios = (groups: readonly GroupRatio[], marked = true) =>
  groups
    .map((g) => {
      const rounds = g.rounds === undefined ? '' : ` (rounds ${shown(g.rounds.min)}–${shown(g.rounds.max)})`
      return `${g.group.replaceAll('|', ' / ')}: ${g.ratio === undefined ? '?' : shown(g.ratio)}x${g.met || !marked ? '' : ' ✗'}${rounds}`
    })
    .join('; ')

/** Ours ÷ Emmett per workload, with the rounds' range, as the Targets list shows it. */
export const versusEmmettSummary = (figures: readonly Figure[]) => ratios(targets(figures).vsEmmett)

const markdown = (results: BenchResults) => {
  const t = targets(results.figures)
  const lines = [
    `# Event store benchmark (${results.startedAt})`,
    '',
    ...results.notes.map((n) => `> ${n}`),
    '',
    `Machine: ${String(results.machine['cpus'])} × ${String(results.machine['cpuModel'])}, ${String(results.machine['memoryGiB'])} GiB; load average before ${String(results.machine['loadBefore'])}, after ${String(results.machine['loadAfter'])}.`,
    `Versions: ${Object.entries(results.versions).map(([k, v]) => `${k} ${v}`).join(', ')}.`,
    `Settings: ${Object.entries(results.settings).map(([k, v]) => `${k}=${String(v)}`).join(', ')}.`,
    '',
    '| workload | variant | db | store | ev/s | p50 ms | p99 ms | ours ÷ this | details |',
    '| --- | --- | --- | --- | ---: | ---: | ---: | ---: | --- |',
  ]
  for (const f of results.figures) {
    const ours = results.figures.find((o) => key(o) === key(f) && o.kind === 'ours')
    const other = f.kind === 'ours' ? undefined : ratio(ours, f)
    const r = other === undefined ? '' : shown(other)
    const extra = Object.entries(f.extra ?? {}).map(([k, v]) => `${k}: ${v}`).join(', ')
    lines.push(`| ${f.workload} | ${f.variant} | ${f.database} | ${f.contender} | ${f.eventsPerSecond} | ${f.p50Ms ?? ''} | ${f.p99Ms ?? ''} | ${r} | ${extra} |`)
  }
  lines.push(
    '',
    '## Targets',
    '',
    `- At least 2x Emmett on every workload and database: **${t.atLeast2xEmmettEverywhere ? 'met' : 'not met'}** ` +
      `(${ratios(t.vsEmmett)})`,
    `- For comparison, W4 with the stream cache off: ${ratios(t.noCacheVsEmmett)}`,
    `- For context, the raw driver floor (as the note above says) ÷ Emmett: ${ratios(t.rawVsEmmett, false)}`,
    `- SQLite single-event append at least 60% of raw better-sqlite3: **${t.sqliteSingleAppendVsRaw.met ? 'met' : 'not met'}** (${Math.floor((t.sqliteSingleAppendVsRaw.ratio ?? 0) * 100 + 1e-9)}%)`,
    `- Rebuild from SQLite at least 300k events/s with decoding on: **${t.sqliteRebuildDecodeOn.met ? 'met' : 'not met'}** (${t.sqliteRebuildDecodeOn.eventsPerSecond} ev/s)`,
    '',
  )
  return lines.join('\n')
}

/** Writes `store.json` and `store.md` into bench/results. */
export const writeResults = (dir: string, results: BenchResults) => {
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'store.json'), `${JSON.stringify({ ...results, targets: targets(results.figures) }, null, 2)}\n`)
  writeFileSync(join(dir, 'store.md'), markdown(results))
}
