import { describe, expect, it } from 'vitest'
import type { BotDeps } from '../runtime/bot-deps.js'
import { requireMember } from './incident-scope.js'

describe('requireMember', () => {
  it('refuses everyone while the incident has no channel', async () => {
    const membership = { isMember: () => Promise.reject(new Error('nobody is a member of no channel')), learn: () => undefined }
    const refused = await requireMember({ membership } as unknown as BotDeps, 'alice', null)
    expect(refused?.text).toContain('This incident has no channel yet')
  })
})
