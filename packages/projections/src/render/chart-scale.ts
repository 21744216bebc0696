/** A unit for a time axis, chosen so that the numbers on it stay readable. */
export interface TimeUnit {
  readonly name: 'minutes' | 'hours' | 'days'
  readonly ms: number
}

const UNITS: readonly TimeUnit[] = [
  { name: 'minutes', ms: 60_000 },
  { name: 'hours', ms: 3_600_000 },
  { name: 'days', ms: 86_400_000 },
]

/** Up to this many of a unit on an axis before the next larger unit is used. */
const MAX_UNITS_ON_AXIS = 180

/**
 * Minutes for spans up to three hours, hours up to a week and a half, days beyond.
 *
 * @example
 * timeUnitFor(5 * 3_600_000).name // 'hours'
 */
export const timeUnitFor = (largestMs: number): TimeUnit =>
  UNITS.find((unit) => largestMs / unit.ms <= MAX_UNITS_ON_AXIS) ?? (UNITS[UNITS.length - 1] as TimeUnit)

/**
 * A value in a unit, rounded to two decimals so that charts do not depend on float noise.
 *
 * @example
 * inUnit(90_000, { name: 'minutes', ms: 60_000 }) // 1.5
 */
export const inUnit = (ms: number, unit: TimeUnit): number => Math.round((ms / unit.ms) * 100) / 100
