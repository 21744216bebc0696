import { describe, expect, it } from 'vitest'
import { createLruMap } from './lru-map.js'

describe('createLruMap', () => {
  it('forgets the least recently used entry once full', () => {
    const recent = createLruMap<string, number>(2)
    recent.set('a', 1)
    recent.set('b', 2)
    recent.set('c', 3)
    expect([recent.get('a'), recent.get('b'), recent.get('c')]).toEqual([undefined, 2, 3])
  })

  it('counts reading an entry as using it', () => {
    const recent = createLruMap<string, number>(2)
    recent.set('a', 1)
    recent.set('b', 2)
    recent.get('a')
    recent.set('c', 3)
    expect([recent.get('a'), recent.get('b'), recent.get('c')]).toEqual([1, undefined, 3])
  })

  it('replaces a value without taking a second place', () => {
    const recent = createLruMap<string, number>(2)
    recent.set('a', 1)
    recent.set('b', 2)
    recent.set('a', 10)
    recent.set('c', 3)
    expect([recent.get('a'), recent.get('b'), recent.get('c')]).toEqual([10, undefined, 3])
  })
})
