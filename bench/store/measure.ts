/** One measured figure of one contender on one workload. */
export interface Figure {
  readonly workload: string
  readonly variant: string
  readonly database: 'sqlite' | 'postgres'
  readonly contender: string
  /** `ours-no-cache`: our store with its stream cache turned off, shown beside it in W4. */
  readonly kind: 'ours' | 'ours-no-cache' | 'emmett' | 'raw'
  /** Events per second (successful events for W3; events read for W4–W6). */
  readonly eventsPerSecond: number
  readonly p50Ms?: number
  readonly p99Ms?: number
  /**
   * The rate of each round, in round order. Every store runs once per round, so a round's ratio
   * compares stores measured seconds apart: their spread shows how much the machine's load moved.
   */
  readonly roundsEventsPerSecond?: readonly number[]
  readonly extra?: Record<string, number | string>
}

export const percentile = (sortedMs: readonly number[], p: number) =>
  sortedMs.length === 0 ? 0 : sortedMs[Math.min(sortedMs.length - 1, Math.floor((p / 100) * sortedMs.length))]!

/** Runs `operation` and returns its duration in milliseconds. */
export const timed = async (operation: () => Promise<unknown>): Promise<number> => {
  const start = process.hrtime.bigint()
  await operation()
  return Number(process.hrtime.bigint() - start) / 1e6
}

/** Latency figures of per-operation timings. */
export const latencies = (ms: readonly number[]) => {
  const sorted = [...ms].sort((a, b) => a - b)
  return { p50Ms: round(percentile(sorted, 50), 3), p99Ms: round(percentile(sorted, 99), 3) }
}

export const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits

export const perSecond = (count: number, ms: number) => round((count * 1000) / ms)

/** A store's time over a workload's rounds, and each round's rate (`Figure.roundsEventsPerSecond`). */
export interface RoundTally {
  totalMs: number
  readonly roundRates: number[]
}

/** Adds one measured round of `events` in `ms` to a store's tally. */
export const addRound = (tally: RoundTally, round: number, events: number, ms: number) => {
  tally.totalMs += ms
  tally.roundRates[round] = perSecond(events, ms)
}
