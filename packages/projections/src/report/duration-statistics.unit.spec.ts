import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { quantileOfSorted, summarizeDurations } from './duration-statistics.js'

const durations = fc.array(fc.integer({ min: 0, max: 10 * 86_400_000 }), { minLength: 1, maxLength: 60 })

describe('summarizeDurations', () => {
  it('gives the middle value of an odd count and the mean of the two middle values of an even count', () => {
    expect(summarizeDurations([5, 1, 3]).median).toBe(3)
    expect(summarizeDurations([4, 1, 3, 2]).median).toBe(2.5)
    expect(summarizeDurations([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]).p90).toBe(91)
  })

  it('is all null for no durations', () => {
    expect(summarizeDurations([])).toEqual({ count: 0, mean: null, median: null, p90: null, min: null, max: null })
  })

  it('keeps min ≤ median ≤ p90 ≤ max and the mean within min and max', () => {
    fc.assert(
      fc.property(durations, (values) => {
        const summary = summarizeDurations(values)
        expect(summary.count).toBe(values.length)
        expect(summary.min).toBe(Math.min(...values))
        expect(summary.max).toBe(Math.max(...values))
        expect(summary.min!).toBeLessThanOrEqual(summary.median!)
        expect(summary.median!).toBeLessThanOrEqual(summary.p90!)
        expect(summary.p90!).toBeLessThanOrEqual(summary.max!)
        expect(summary.mean!).toBeGreaterThanOrEqual(summary.min!)
        expect(summary.mean!).toBeLessThanOrEqual(summary.max!)
      }),
      { numRuns: 300 },
    )
  })

  it('gives quantiles that grow with the fraction and do not depend on the input order', () => {
    fc.assert(
      fc.property(durations, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (values, p, q) => {
        const sorted = [...values].sort((a, b) => a - b)
        const [low, high] = p <= q ? [p, q] : [q, p]
        expect(quantileOfSorted(sorted, low)!).toBeLessThanOrEqual(quantileOfSorted(sorted, high)!)
        expect(summarizeDurations([...values].reverse())).toEqual(summarizeDurations(values))
      }),
      { numRuns: 300 },
    )
  })

  it('refuses a fraction outside [0, 1]', () => {
    expect(() => quantileOfSorted([1], 1.5)).toThrow(RangeError)
  })
})
