import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { foldForSearch } from './fold-for-search.js'

describe('foldForSearch', () => {
  it('folds plain ASCII exactly as toLowerCase does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii' }), (text) => {
        expect(foldForSearch(text)).toBe(text.toLowerCase())
      }),
    )
  })

  it('finds a text in itself however either side is cased', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (before, text, after) => {
        const name = `${before}${text}${after}`
        for (const needle of [text, text.toUpperCase(), text.toLowerCase()]) {
          for (const haystack of [name, name.toUpperCase(), name.toLowerCase()]) expect(foldForSearch(haystack)).toContain(foldForSearch(needle))
        }
      }),
      { numRuns: 2_000 },
    )
  })
})
