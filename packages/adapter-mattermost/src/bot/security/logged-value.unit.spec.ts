import { describe, expect, it } from 'vitest'
import { LOGGED_VALUE_MAX, loggedValue } from './logged-value.js'

describe('loggedValue', () => {
  it('keeps an id-sized value as it is, and nothing for a missing one', () => {
    expect(loggedValue('abcdefghijklmnopqrstuvwxyz')).toBe('abcdefghijklmnopqrstuvwxyz')
    expect(loggedValue(null)).toBeUndefined()
    expect(loggedValue(undefined)).toBeUndefined()
  })

  it('cuts a longer value to its first characters and counts the rest', () => {
    const long = 'A'.repeat(200_000)
    const logged = loggedValue(long)!
    expect(logged.startsWith('A'.repeat(LOGGED_VALUE_MAX))).toBe(true)
    expect(logged).toBe(`${'A'.repeat(LOGGED_VALUE_MAX)}… (+${200_000 - LOGGED_VALUE_MAX} characters)`)
  })
})
