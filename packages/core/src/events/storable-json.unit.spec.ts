import { describe, expect, it } from 'vitest'
import { unstorableJson } from './storable-json.js'

describe('unstorableJson', () => {
  it('passes any JSON value with valid Unicode, surrogate pairs included', () => {
    expect(unstorableJson({ text: 'Zoë 😀 \u0001 \uffff', list: ['a', 1, -0.5, null, true, { deep: '𝄞' }], gone: undefined }, 'data')).toBeUndefined()
    expect(unstorableJson(Object.assign(Object.create(null) as object, { a: 1 }), 'data')).toBeUndefined()
    expect(unstorableJson(42, 'data')).toBeUndefined()
  })

  it('names the path of the first NUL character or lone surrogate, in values and keys', () => {
    expect(unstorableJson({ text: 'a\u0000b' }, 'data')).toBe('data.text contains a NUL character (U+0000)')
    expect(unstorableJson({ items: ['ok', { title: 'x\ud800' }] }, 'data')).toBe('data.items[1].title contains a lone UTF-16 surrogate (not valid Unicode)')
    expect(unstorableJson({ nested: { 'k\u0000': 1 } }, 'data')).toBe('a key of data.nested contains a NUL character (U+0000)')
    expect(unstorableJson('\udfff', 'actorId')).toBe('actorId contains a lone UTF-16 surrogate (not valid Unicode)')
    expect(unstorableJson(['\u0000'], '')).toBe('[0] contains a NUL character (U+0000)')
  })

  it('names what JSON would change or cannot write', () => {
    expect(unstorableJson({ at: new Date(0) }, 'data')).toBe('data.at is a Date, not plain JSON (give its JSON form)')
    expect(unstorableJson({ n: Number.NaN }, 'data')).toBe('data.n is NaN, which JSON has no number for')
    expect(unstorableJson({ n: 1n }, 'data')).toBe('data.n is a bigint, which JSON cannot carry')
    expect(unstorableJson([1, undefined], 'data')).toBe('data[1] is undefined, which JSON cannot carry')
    expect(unstorableJson(undefined, 'data')).toBe('data is undefined, which JSON cannot carry')
  })
})
