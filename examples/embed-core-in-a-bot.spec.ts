import { START, manualClock } from '@incident-kit/core'
import { describe, expect, it } from 'vitest'
import { createTinyIncidentBot } from './embed-core-in-a-bot.js'

describe('example: embedding the core in another bot', () => {
  it('runs an incident from chat messages and keeps the log', async () => {
    const clock = manualClock('2026-03-12T08:00:00.000Z')
    const bot = createTinyIncidentBot({ teamId: 'ops', clock })
    const say = (user: string, text: string) => {
      clock.advance(60_000)
      return bot.onMessage(user, text)
    }
    expect(await say('alice', 'start API is down')).toBe('Started "API is down". You are the commander.')
    await say('alice', 'add Roll back the deploy')
    await say('alice', 'add Tell the customers')
    expect(await say('bob', 'check 1')).toBe('Checked item 1.')
    expect(await say('bob', 'check 7')).toMatch(/^Sorry: /)
    await say('bob', 'status Rolled back, watching the error rate')
    expect(await say('carol', 'list')).toBe('API is down: @alice, 1/2 done')
    expect(await say('alice', 'end')).toBe('Incident ended.')
    expect(await say('carol', 'list')).toBe('No active incidents.')
    expect(await say('bob', 'check 2')).toMatch(/^Sorry: .*ended/)
    const { events } = await bot.store.readAll({ after: START, limit: 100 })
    expect(events.map((e) => e.type)).toEqual([
      'incident.started',
      'checklist.item_added',
      'checklist.item_added',
      'checklist.item_checked',
      'incident.status_updated',
      'incident.ended',
    ])
  })
})
