import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isIsoUtcTimestamp } from './iso-timestamp-check.js'

/** What the check replaces: the format, then whatever `Date.parse` accepts. */
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/
const byDateParse = (s: string) => ISO_UTC.test(s) && !Number.isNaN(Date.parse(s))

const digits = (min: number, max: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''))
/** Two digits, biased towards the edges of each field's range, where the two checks could differ. */
const field = fc.oneof(digits(2, 2), fc.constantFrom('00', '01', '12', '13', '23', '24', '28', '29', '30', '31', '32', '59', '60', '99'))

const timestampLike = fc
  .tuple(digits(4, 4), field, field, field, field, field, fc.option(digits(1, 10)), fc.constantFrom('Z', 'z', '', '+00:00'))
  .map(([y, mo, d, h, mi, s, fraction, zone]) => `${y}-${mo}-${d}T${h}:${mi}:${s}${fraction === null ? '' : `.${fraction}`}${zone}`)

describe('isIsoUtcTimestamp', () => {
  it('accepts exactly what the format plus Date.parse accepted', () => {
    fc.assert(
      fc.property(fc.oneof(timestampLike, fc.string()), (s) => {
        expect(isIsoUtcTimestamp(s)).toBe(byDateParse(s))
      }),
      { numRuns: 20_000 },
    )
  })

  it('knows the edges it was written for', () => {
    expect(isIsoUtcTimestamp('2026-03-01T08:40:00.000Z')).toBe(true)
    expect(isIsoUtcTimestamp('2026-02-31T00:00:00Z')).toBe(true)
    expect(isIsoUtcTimestamp('2026-12-31T24:00:00.000Z')).toBe(true)
    expect(isIsoUtcTimestamp('2026-12-31T24:00:00.001Z')).toBe(false)
    expect(isIsoUtcTimestamp('2026-12-31T23:59:60Z')).toBe(false)
    expect(isIsoUtcTimestamp('2026-00-01T00:00:00Z')).toBe(false)
  })
})
