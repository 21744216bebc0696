/** The summary of a set of durations in milliseconds. All fields are `null` when there is none. */
export interface DurationSummary {
  readonly count: number
  readonly mean: number | null
  readonly median: number | null
  readonly p90: number | null
  readonly min: number | null
  readonly max: number | null
}

/**
 * The `fraction` quantile (0..1) of values sorted ascending, interpolated linearly between the two
 * closest ranks (the method spreadsheets call PERCENTILE.INC): the median of an even count is the
 * mean of the two middle values, and every quantile lies between the minimum and the maximum.
 *
 * @example
 * quantileOfSorted([1, 2, 3, 4], 0.5) // 2.5
 */
export const quantileOfSorted = (sorted: readonly number[], fraction: number): number | null => {
  if (sorted.length === 0) return null
  if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`quantile fraction must lie in [0, 1], got ${fraction}`)
  const rank = (sorted.length - 1) * fraction
  const lower = Math.floor(rank)
  const upper = Math.ceil(rank)
  const low = sorted[lower] as number
  const high = sorted[upper] as number
  return low + (rank - lower) * (high - low)
}

/**
 * Count, mean, median, p90, minimum and maximum of durations in milliseconds.
 *
 * @example
 * summarizeDurations([60_000, 120_000, 600_000]).median // 120000
 */
export const summarizeDurations = (durations: readonly number[]): DurationSummary => {
  if (durations.length === 0) return { count: 0, mean: null, median: null, p90: null, min: null, max: null }
  const sorted = [...durations].sort((a, b) => a - b)
  const total = sorted.reduce((sum, value) => sum + value, 0)
  return {
    count: sorted.length,
    mean: total / sorted.length,
    median: quantileOfSorted(sorted, 0.5),
    p90: quantileOfSorted(sorted, 0.9),
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
  }
}
