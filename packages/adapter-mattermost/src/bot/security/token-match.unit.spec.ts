import { describe, expect, it } from 'vitest'
import { findByToken, tokenFromAuthorization } from './token-match.js'

describe('slash tokens', () => {
  const bindings = [
    { team: 'ops', token: 'a' },
    { team: 'dev', token: 'b' },
  ]

  it('find the configured command of a token, and nothing for any other', () => {
    expect(findByToken('b', bindings)).toEqual({ team: 'dev', token: 'b' })
    expect(findByToken('c', bindings)).toBeUndefined()
    expect(findByToken('', [{ team: 'ops', token: '' }])).toBeUndefined()
    expect(findByToken(undefined, bindings)).toBeUndefined()
  })

  it('read the Authorization header Mattermost sends', () => {
    expect(tokenFromAuthorization('Token abc123')).toBe('abc123')
    expect(tokenFromAuthorization('Bearer abc123')).toBeUndefined()
    expect(tokenFromAuthorization(undefined)).toBeUndefined()
  })
})
