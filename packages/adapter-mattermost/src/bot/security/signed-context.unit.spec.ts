import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { signContext, verifyContext } from './signed-context.js'
import { tokenFromAuthorization, tokenMatches } from './token-match.js'

const secret = 'secret-1'
const context = { action: 'check', incidentId: 'incident-1', channelId: 'channel-1', itemId: 'item-1' }

describe('signed action contexts', () => {
  it('verifies what the bot signed, in the channel it was made for', () => {
    expect(verifyContext(secret, signContext(secret, context), 'channel-1')).toEqual(context)
  })

  it('refuses a context used in another channel, or signed with another key', () => {
    expect(verifyContext(secret, signContext(secret, context), 'channel-2')).toBeUndefined()
    expect(verifyContext(secret, signContext('other', context), 'channel-1')).toBeUndefined()
  })

  it('refuses any edit of any field (replay against another incident, item or action)', () => {
    const signed = signContext(secret, context)
    fc.assert(
      fc.property(fc.constantFrom('action', 'incidentId', 'itemId', 'userId', 'nonce'), fc.string({ minLength: 1 }), (field, value) => {
        fc.pre((signed as unknown as Record<string, unknown>)[field] !== value)
        expect(verifyContext(secret, { ...signed, [field]: value }, 'channel-1')).toBeUndefined()
      }),
      { numRuns: 200 },
    )
  })

  it('refuses garbage without throwing', () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        expect(verifyContext(secret, raw, undefined)).toBeUndefined()
      }),
      { numRuns: 200 },
    )
  })
})

describe('slash tokens', () => {
  it('accept any configured token and nothing else', () => {
    expect(tokenMatches('b', ['a', 'b'])).toBe(true)
    expect(tokenMatches('c', ['a', 'b'])).toBe(false)
    expect(tokenMatches('', [''])).toBe(false)
    expect(tokenMatches(undefined, ['a'])).toBe(false)
  })

  it('read the Authorization header Mattermost sends', () => {
    expect(tokenFromAuthorization('Token abc123')).toBe('abc123')
    expect(tokenFromAuthorization('Bearer abc123')).toBeUndefined()
    expect(tokenFromAuthorization(undefined)).toBeUndefined()
  })
})
