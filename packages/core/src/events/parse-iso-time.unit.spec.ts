import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { parseIsoTime } from './parse-iso-time.js'

const zoneBefore = process.env['TZ']
afterEach(() => {
  if (zoneBefore === undefined) delete process.env['TZ']
  else process.env['TZ'] = zoneBefore
})

describe('parseIsoTime', () => {
  it('reads dates and date-times, taking a time without an offset as UTC wherever it runs', () => {
    process.env['TZ'] = 'America/New_York'
    expect(parseIsoTime('2026-03-12')).toEqual({ ms: Date.UTC(2026, 2, 12), hasTime: false })
    expect(parseIsoTime('2026-03-12T09:30')).toEqual({ ms: Date.UTC(2026, 2, 12, 9, 30), hasTime: true })
    expect(parseIsoTime(' 2026-03-12 09:30:15.5 ')).toEqual({ ms: Date.UTC(2026, 2, 12, 9, 30, 15, 500), hasTime: true })
    expect(parseIsoTime('2026-03-12t09:30z')?.ms).toBe(Date.UTC(2026, 2, 12, 9, 30))
    expect(parseIsoTime('2026-03-12T09:30+02:00')?.ms).toBe(Date.UTC(2026, 2, 12, 7, 30))
  })

  it('refuses what is not an ISO-8601 date or time', () => {
    for (const text of ['', 'March 12, 2026', '12/03/2026', '2026-3-12', '2026-03-12T9:30', '2026-13-01', '2026-02-31', '2026-02-29T10:00', '2026-04-31', '2026-03-12T25:00', '2026-03-12T09:30 +2', '1773307800000']) {
      expect(parseIsoTime(text), text).toBeUndefined()
    }
  })

  it('reads the last day of every month, and 29 February in leap years only', () => {
    for (let month = 1; month <= 12; month++) {
      const last = new Date(Date.UTC(2024, month, 0)).getUTCDate()
      const date = `2024-${String(month).padStart(2, '0')}-${String(last).padStart(2, '0')}`
      expect(parseIsoTime(date)?.ms, date).toBe(Date.UTC(2024, month - 1, last))
    }
    expect(parseIsoTime('2000-02-29')?.ms).toBe(Date.UTC(2000, 1, 29))
    expect(parseIsoTime('2100-02-29')).toBeUndefined()
  })

  it('reads back every time written by toISOString, and its minute without the zone', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (date) => {
        const iso = date.toISOString()
        expect(parseIsoTime(iso)?.ms).toBe(date.getTime())
        expect(parseIsoTime(iso.slice(0, 16))?.ms).toBe(Math.floor(date.getTime() / 60_000) * 60_000)
      }),
    )
  })
})
