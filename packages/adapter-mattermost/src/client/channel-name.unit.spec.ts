import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CHANNEL_NAME_MAX_LENGTH, channelNameWithSuffix, isValidChannelName, toChannelName } from './channel-name.js'

/** The server's current rule (model/channel.go); the portable one must be at least as strict. */
const SERVER_RULE = /^[a-z0-9]+([a-z\-_0-9]+|(__)?)[a-z0-9]*$/

const displayNames = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.string({ unit: 'grapheme', maxLength: 120 }),
  fc.stringMatching(/^[a-z0-9]{20,30}$/),
  fc.constantFrom('', ' ', '---', '__', '🔥', 'Ünïcödé Ärger', 'a', 'DB', 'x'.repeat(200)),
)

describe('channel names', () => {
  it.each([
    ['Incident #42: DB down!', 'incident-42-db-down'],
    ['Crème brûlée', 'creme-brulee'],
    ['  --Spaces  and__underscores--  ', 'spaces-and-underscores'],
    ['🔥', 'channel'],
    ['x', 'x-channel'],
    ['abcdefghijklmnopqrstuvwxyz', 'abcdefghijklmnopqrstuvwx-yz'],
  ])('turns %j into %j', (display, expected) => {
    expect(toChannelName(display)).toBe(expected)
  })

  it('always yields a name every server accepts', () => {
    fc.assert(
      fc.property(displayNames, (display) => {
        const name = toChannelName(display)
        expect(isValidChannelName(name)).toBe(true)
        expect(SERVER_RULE.test(name)).toBe(true)
        expect(name.length).toBeLessThanOrEqual(CHANNEL_NAME_MAX_LENGTH)
      }),
    )
  })

  it('is idempotent on its own output', () => {
    fc.assert(
      fc.property(displayNames, (display) => {
        expect(toChannelName(toChannelName(display))).toBe(toChannelName(display))
      }),
    )
  })

  it('gives valid, pairwise different names for collision suffixes', () => {
    fc.assert(
      fc.property(displayNames, fc.uniqueArray(fc.integer({ min: 2, max: 10_000 }), { minLength: 2, maxLength: 5 }), (display, attempts) => {
        const base = toChannelName(display)
        const names = attempts.map((attempt) => channelNameWithSuffix(base, attempt))
        for (const name of names) expect(isValidChannelName(name)).toBe(true)
        expect(new Set([...names, base]).size).toBe(names.length + 1)
      }),
    )
  })

  it('rejects what Mattermost rejects', () => {
    for (const bad of ['', 'a', 'Upper', 'with space', '-lead', 'trail_', 'dou__ble', 'x'.repeat(65), 'abcdefghijklmnopqrstuvwxyz']) {
      expect(isValidChannelName(bad)).toBe(false)
    }
  })
})
