import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { channelSlug, cutChannelSlug } from './channel-slug.js'
import { channelNameFor } from './start-incident.js'

const HANDLE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

describe('channelNameFor', () => {
  it('drops accents instead of turning them into hyphens', () => {
    expect(channelNameFor('Crème brûlée outage')).toBe('creme-brulee-outage')
    expect(channelNameFor('Über API')).toBe('uber-api')
    expect(channelNameFor('Ångström: Łódź ñ')).toBe('angstrom-odz-n')
  })

  it('ends no name with a hyphen where the 60-character cut falls on one', () => {
    expect(channelNameFor(`${'a'.repeat(59)} bcd`)).toBe('a'.repeat(59))
    expect(channelNameFor(`${'a'.repeat(10)} ${'b'.repeat(60)}`)).toBe(`${'a'.repeat(10)}-${'b'.repeat(49)}`)
  })

  it('falls back to incident when no letter or digit is left', () => {
    expect(channelNameFor('🔥 !!')).toBe('incident')
    expect(channelNameFor('')).toBe('incident')
  })

  it('is always 1 to 60 characters of a-z0-9 words joined by single hyphens (fast-check)', () => {
    const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 90 }), fc.string({ unit: fc.constantFrom('a', 'é', 'Ü', ' ', '-', '_', 'ß', 'ﬁ', '１'), maxLength: 90 }))
    fc.assert(
      fc.property(text, (name) => {
        const handle = channelNameFor(name)
        expect(handle).toMatch(HANDLE)
        expect(handle.length).toBeLessThanOrEqual(60)
      }),
    )
  })

  it('keeps every letter of a name in Latin letters with accents (fast-check)', () => {
    const accented = fc.string({ unit: fc.constantFrom(...'àáâäãåèéêëìíîïòóôöõùúûüýÿçñÀÉÎÖÜÇÑ'), minLength: 1, maxLength: 20 })
    fc.assert(
      fc.property(accented, (word) => {
        expect(channelNameFor(word)).toHaveLength(word.length)
      }),
    )
  })
})

describe('channelSlug and cutChannelSlug', () => {
  it('give the words of a name, and cut them with no hyphen at an end', () => {
    expect(channelSlug('  Incident #42: DB down! ')).toBe('incident-42-db-down')
    expect(channelSlug('🔥')).toBe('')
    expect(cutChannelSlug('db-down-again', 8)).toBe('db-down')
    expect(cutChannelSlug('db-down', 3)).toBe('db')
  })
})
