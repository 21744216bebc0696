import { createHmac } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { signContext, verifyContext } from './signed-context.js'

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

  it('refuses any edit of any field (replay against another incident, item, action or team)', () => {
    const signed = signContext(secret, { ...context, teamId: 'team-1' })
    fc.assert(
      fc.property(fc.constantFrom('action', 'incidentId', 'itemId', 'userId', 'nonce', 'teamId'), fc.string({ minLength: 1 }), (field, value) => {
        fc.pre((signed as unknown as Record<string, unknown>)[field] !== value)
        expect(verifyContext(secret, { ...signed, [field]: value }, 'channel-1')).toBeUndefined()
      }),
      { numRuns: 200 },
    )
  })

  it('keeps a signed team, and refuses a team added to or dropped from a context signed without or with one', () => {
    const dialog = { action: 'start', incidentId: '', channelId: 'channel-1', userId: 'user-1', nonce: 'n1' }
    expect(verifyContext(secret, signContext(secret, { ...dialog, teamId: 'team-1' }), 'channel-1')?.teamId).toBe('team-1')
    expect(verifyContext(secret, { ...signContext(secret, dialog), teamId: 'team-1' }, 'channel-1')).toBeUndefined()
    const { teamId: _dropped, ...withoutTeam } = signContext(secret, { ...dialog, teamId: 'team-1' })
    expect(verifyContext(secret, withoutTeam, 'channel-1')).toBeUndefined()
  })

  it('still verifies buttons signed before contexts could carry a team', () => {
    const before = JSON.stringify([context.action, context.incidentId, context.channelId, context.itemId, null, null])
    const signature = createHmac('sha256', secret).update(before).digest('base64url')
    expect(verifyContext(secret, { ...context, signature }, 'channel-1')).toEqual(context)
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
