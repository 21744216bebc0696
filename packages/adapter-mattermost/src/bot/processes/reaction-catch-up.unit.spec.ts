import { createInMemoryCheckpointStore, manualClock } from '@incident-kit/core'
import { describe, expect, it } from 'vitest'
import type { BotDeps } from '../runtime/bot-deps.js'
import { createReactionCatchUp } from './reaction-catch-up.js'
import { REACTIONS_SEEN_UNTIL } from './reactions-seen-until.js'

const START = '2026-03-01T09:00:00.000Z'
const MINUTE_MS = 60_000

const waitFor = async (condition: () => boolean) => {
  for (let tries = 0; tries < 200 && !condition(); tries++) await new Promise((resolve) => setTimeout(resolve, 5))
  return condition()
}

/** Settles with `'returned'` when `result` does within 200 ms, else `'blocked'`. */
const within200ms = (result: unknown) =>
  Promise.race([Promise.resolve(result).then(() => 'returned'), new Promise((resolve) => setTimeout(() => resolve('blocked'), 200))])

/** A bot whose scans for missed reactions fail (`listMyTeams` throws) until healed; its teams have no channels. */
const setUp = () => {
  const clock = manualClock(START)
  const checkpoints = createInMemoryCheckpointStore()
  let failing = false
  let scans = 0
  /** While set, scans wait for it after reading the teams: an attempt under way. */
  let held: Promise<void> | undefined
  /** The `since` of every scan that read the teams. */
  const looked: string[] = []
  const deps = {
    clock,
    model: { refresh: async () => undefined },
    api: {
      listMyTeams: async () => {
        scans += 1
        await held
        if (failing) throw new Error('Mattermost unavailable')
        return []
      },
    },
    logger: {
      debug: () => undefined,
      info: (fields: Readonly<Record<string, unknown>>, message?: string) => {
        if (message?.startsWith('looked for reactions missed')) looked.push(String(fields.since))
      },
      warn: () => undefined,
      error: () => undefined,
    },
  } as unknown as BotDeps
  const catchUp = createReactionCatchUp(deps, 'bot', { checkpoints, saveEveryMs: 60 * MINUTE_MS, retryMs: 5, maxRetryMs: 5 })
  const hold = () => {
    let release = () => undefined as void
    held = new Promise((resolve) => (release = resolve))
    return () => ((held = undefined), release())
  }
  return { clock, checkpoints, catchUp, looked, hold, scans: () => scans, fail: (value: boolean) => void (failing = value) }
}

describe('createReactionCatchUp', () => {
  it('does not hold up the event stream while catch-ups fail, and shares one catch-up among resyncs', async () => {
    const t = setUp()
    try {
      t.catchUp.onStatus('connected') // the first connection: nothing saved, nothing to look through
      t.fail(true)
      const lostUpAt = Date.parse(START)
      for (let reconnect = 1; reconnect <= 3; reconnect++) {
        t.clock.advance(MINUTE_MS)
        t.catchUp.onStatus('disconnected')
        t.catchUp.onStatus('connected')
        // The stream calls it in order with the events and waits for what it returns.
        expect(await within200ms(t.catchUp.onResync())).toBe('returned')
      }
      expect(await waitFor(() => t.scans() > 5)).toBe(true)
      // Never past the earliest lost connection while its reactions were not looked through.
      expect(Date.parse((await t.checkpoints.load(REACTIONS_SEEN_UNTIL)) ?? '')).toBeLessThanOrEqual(lostUpAt)

      t.fail(false)
      expect(await waitFor(() => t.looked.length > 0)).toBe(true)
      await new Promise((resolve) => setTimeout(resolve, 100))
      // One look, from the earliest lost connection (less the clock-skew margin), covers all three.
      expect(t.looked).toEqual([new Date(lostUpAt - MINUTE_MS).toISOString()])
    } finally {
      await t.catchUp.stop()
    }
  })

  it('looks again for a resync that came while an attempt was under way', async () => {
    const t = setUp()
    try {
      t.catchUp.onStatus('connected')
      t.clock.advance(MINUTE_MS)
      t.catchUp.onStatus('disconnected')
      t.catchUp.onStatus('connected')
      const release = t.hold()
      t.catchUp.onResync()
      expect(await waitFor(() => t.scans() === 1)).toBe(true) // an attempt is reading the teams
      t.clock.advance(MINUTE_MS)
      t.catchUp.onStatus('disconnected')
      t.catchUp.onStatus('connected')
      t.catchUp.onResync()
      release()
      expect(await waitFor(() => t.looked.length === 2)).toBe(true)
      expect(t.looked).toEqual([new Date(Date.parse(START) - MINUTE_MS).toISOString(), new Date(Date.parse(START)).toISOString()])
    } finally {
      await t.catchUp.stop()
    }
  })
})
