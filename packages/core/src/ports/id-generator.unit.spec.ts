import { describe, expect, it } from 'vitest'
import { sequentialIds, uuidGenerator } from './id-generator.js'

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('uuidGenerator', () => {
  it('gives version 7 uuids that rise in generation order, within a millisecond too', () => {
    const ids = Array.from({ length: 5_000 }, () => uuidGenerator.next())
    ids.forEach((id) => expect(id).toMatch(UUID_V7))
    const rising = ids.every((id, i) => i === 0 || ids[i - 1]! < id)
    expect(rising).toBe(true)
  })

  it('starts each id with the current time in milliseconds', () => {
    const before = Date.now()
    const id = uuidGenerator.next()
    const millis = parseInt(id.replace('-', '').slice(0, 12), 16)
    expect(millis).toBeGreaterThanOrEqual(before)
    expect(millis).toBeLessThanOrEqual(Date.now())
  })
})

describe('sequentialIds', () => {
  it('counts from the seed', () => {
    const ids = sequentialIds(9)
    expect([ids.next(), ids.next()]).toEqual(['00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b'])
  })
})
