import v8 from 'node:v8'
import vm from 'node:vm'

v8.setFlagsFromString('--expose-gc')
const collectGarbage = vm.runInNewContext('gc') as () => void

export const MIB = 2 ** 20

/** Heap in use after a full collection: what is really retained. */
export const retainedHeapMiB = (): number => {
  collectGarbage()
  collectGarbage()
  return process.memoryUsage().heapUsed / MIB
}

export interface Timing<T> {
  readonly result: T
  readonly wallMs: number
  /** CPU time of the whole process (all threads, GC helpers included). */
  readonly cpuMs: number
  /** Heap in use right at the end, before any collection. */
  readonly heapAtEndMiB: number
}

/** Runs `work` once and measures wall time, CPU time and the heap it ends with. */
export const measure = <T>(work: () => T): Timing<T> => {
  const cpuBefore = process.cpuUsage()
  const start = performance.now()
  const result = work()
  const wallMs = performance.now() - start
  const cpu = process.cpuUsage(cpuBefore)
  return { result, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, heapAtEndMiB: process.memoryUsage().heapUsed / MIB }
}

export const perSecond = (count: number, ms: number) => Math.round(count / (ms / 1000))

/** The figures of a timing without its result, so the result can be collected. */
export const timingOnly = <T>({ wallMs, cpuMs, heapAtEndMiB }: Timing<T>) => ({ wallMs, cpuMs, heapAtEndMiB })

type RunTiming = ReturnType<typeof timingOnly>
const byWallTime = (runs: readonly RunTiming[]) => [...runs].sort((a, b) => a.wallMs - b.wallMs)
export const slowest = (runs: readonly RunTiming[]): RunTiming => byWallTime(runs).at(-1)!
export const median = (runs: readonly RunTiming[]): RunTiming => byWallTime(runs)[runs.length >> 1]!

/** The figures of repeated runs over `count` events: the slowest run (what goals check) and the median. */
export const runFigures = (count: number, runs: readonly RunTiming[]) => ({
  runsWallMs: runs.map((run) => Math.round(run.wallMs)),
  wallMs: Math.round(slowest(runs).wallMs),
  cpuMs: Math.round(slowest(runs).cpuMs),
  eventsPerSecond: perSecond(count, slowest(runs).wallMs),
  eventsPerCpuSecond: perSecond(count, slowest(runs).cpuMs),
  medianEventsPerSecond: perSecond(count, median(runs).wallMs),
})
