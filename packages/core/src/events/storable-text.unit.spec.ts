import { describe, expect, it } from 'vitest'
import { unstorableText } from './storable-text.js'

describe('unstorableText', () => {
  it('passes any valid Unicode, surrogate pairs included', () => {
    expect(unstorableText({ text: 'Zoë 😀 \u0001 \uffff', list: ['a', 1, null, { deep: '𝄞' }] }, 'data')).toBeUndefined()
    expect(unstorableText(42, 'data')).toBeUndefined()
  })

  it('names the path of the first NUL character or lone surrogate, in values and keys', () => {
    expect(unstorableText({ text: 'a\u0000b' }, 'data')).toBe('data.text contains a NUL character (U+0000)')
    expect(unstorableText({ items: ['ok', { title: 'x\ud800' }] }, 'data')).toBe('data.items[1].title contains a lone UTF-16 surrogate (not valid Unicode)')
    expect(unstorableText({ nested: { 'k\u0000': 1 } }, 'data')).toBe('a key of data.nested contains a NUL character (U+0000)')
    expect(unstorableText('\udfff', 'actorId')).toBe('actorId contains a lone UTF-16 surrogate (not valid Unicode)')
    expect(unstorableText(['\u0000'], '')).toBe('[0] contains a NUL character (U+0000)')
  })
})
