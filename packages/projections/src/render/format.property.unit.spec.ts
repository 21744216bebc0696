import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatDuration } from './format.js'

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** What a formatted duration says, in milliseconds, and how precise it claims to be. */
const readBack = (text: string): { ms: number; step: number } => {
  let match = /^(\d+) s$/.exec(text)
  if (match) {
    expect(Number(match[1])).toBeLessThan(60)
    return { ms: Number(match[1]) * SECOND, step: SECOND }
  }
  match = /^(\d+) min$/.exec(text)
  if (match) {
    expect(Number(match[1])).toBeGreaterThanOrEqual(1)
    expect(Number(match[1])).toBeLessThan(60)
    return { ms: Number(match[1]) * MINUTE, step: MINUTE }
  }
  match = /^(\d+) h (\d\d) min$/.exec(text)
  if (match) {
    expect(Number(match[1])).toBeGreaterThanOrEqual(1)
    expect(Number(match[1])).toBeLessThan(24)
    expect(Number(match[2])).toBeLessThan(60)
    return { ms: Number(match[1]) * HOUR + Number(match[2]) * MINUTE, step: MINUTE }
  }
  match = /^(\d+) d (\d+) h$/.exec(text)
  if (match) {
    expect(Number(match[1])).toBeGreaterThanOrEqual(1)
    expect(Number(match[2])).toBeLessThan(24)
    return { ms: Number(match[1]) * DAY + Number(match[2]) * HOUR, step: HOUR }
  }
  throw new Error(`not a duration: ${JSON.stringify(text)}`)
}

/** Around every place where the unit changes: where each unit's rounding reaches the next unit. */
const BOUNDARIES = [MINUTE - SECOND / 2, MINUTE, HOUR - MINUTE / 2, HOUR, DAY - MINUTE / 2, DAY, DAY + HOUR / 2, 2 * DAY - HOUR / 2]
const nearBoundary = fc.tuple(fc.constantFrom(...BOUNDARIES), fc.integer({ min: -2_000, max: 2_000 })).map(([at, offset]) => at + offset)
const anyDuration = fc.oneof(nearBoundary, fc.integer({ min: 0, max: 400 * DAY }))

describe('formatDuration', () => {
  it('never shows a value that belongs to the next unit: 60 s, 60 min or 24 h', () => {
    expect(formatDuration(59_600)).toBe('1 min')
    expect(formatDuration(59_499)).toBe('59 s')
    expect(formatDuration(3_599_999)).toBe('1 h 00 min')
    expect(formatDuration(86_399_999)).toBe('1 d 0 h')
    expect(formatDuration(86_369_999)).toBe('23 h 59 min')
    expect(formatDuration(-86_399_999)).toBe('−1 d 0 h')
  })

  it('reads back to within half its last unit, with every part in range, at and around every unit boundary', () => {
    fc.assert(
      fc.property(anyDuration, (ms) => {
        const { ms: shown, step } = readBack(formatDuration(ms))
        expect(Math.abs(shown - ms)).toBeLessThanOrEqual(step / 2)
      }),
      { numRuns: 2_000 },
    )
  })

  it('never goes down as the duration grows', () => {
    fc.assert(
      fc.property(anyDuration, fc.integer({ min: 0, max: 2 * HOUR }), (ms, more) => {
        expect(readBack(formatDuration(ms + more)).ms).toBeGreaterThanOrEqual(readBack(formatDuration(ms)).ms)
      }),
      { numRuns: 2_000 },
    )
  })

  it('shows a negative duration as the positive one with a minus sign', () => {
    fc.assert(
      fc.property(anyDuration.filter((ms) => ms > 0), (ms) => {
        expect(formatDuration(-ms)).toBe(`−${formatDuration(ms)}`)
      }),
    )
  })
})
