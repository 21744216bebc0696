import { describe, expect, it } from 'vitest'
import { precedingPeriods } from './report-period.js'

const NOW = '2026-03-31T00:00:00.000Z'

describe('precedingPeriods', () => {
  it('gives the days before now and the days before those', () => {
    expect(precedingPeriods(NOW, 30)).toEqual({
      current: { from: '2026-03-01T00:00:00.000Z', to: NOW },
      previous: { from: '2026-01-30T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' },
    })
    expect(precedingPeriods(NOW, 1).current).toEqual({ from: '2026-03-30T00:00:00.000Z', to: NOW })
  })

  it.each([Number.NaN, 1e12, -3, 0, 1.5, Number.POSITIVE_INFINITY])('refuses %d days with a RangeError naming the value', (days) => {
    expect(() => precedingPeriods(NOW, days)).toThrow(RangeError)
    expect(() => precedingPeriods(NOW, days)).toThrow(`days must be a whole number of days from 1 to`)
    expect(() => precedingPeriods(NOW, days)).toThrow(`got ${days}`)
  })

  it('takes the most days that still start after the earliest date, and no more', () => {
    const most = Math.floor((Date.parse(NOW) + 100_000_000 * 86_400_000) / (2 * 86_400_000))
    expect(precedingPeriods(NOW, most).previous.from).toMatch(/^-\d{6}-/)
    expect(() => precedingPeriods(NOW, most + 1)).toThrow(`got ${most + 1}`)
  })

  it('still names text that is not a time', () => {
    expect(() => precedingPeriods('yesterday', 30)).toThrow(new RangeError('now is not an ISO-8601 date or time: "yesterday"'))
  })
})
