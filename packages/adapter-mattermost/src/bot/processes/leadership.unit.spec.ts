import { describe, expect, it } from 'vitest'
import { eventually } from '@incident-kit/core/testing'
import { silentLogger } from '../../client/index.js'
import { startLeadership, type BotLocks } from './leadership.js'


/** One lock, as the database keeps it: `lose()` is the database freeing it behind the holder's back. */
const fakeLock = () => {
  let holder: { lose: () => void } | 'another replica' | undefined
  const releases: string[] = []
  const locks: BotLocks = {
    tryLock: async () => {
      if (holder !== undefined) return undefined
      let lose: () => void = () => undefined
      const lost = new Promise<void>((resolve) => (lose = resolve))
      const held = { lose }
      holder = held
      return {
        lost,
        release: async () => {
          releases.push(holder === held ? 'released' : 'released after it was lost')
          if (holder === held) holder = undefined
        },
      }
    },
  }
  return {
    locks,
    releases,
    /** The database frees the lock and another replica takes it at once. */
    lose: () => {
      if (typeof holder === 'object') holder.lose()
      holder = 'another replica'
    },
    /** The other replica lets it go. */
    otherReleases: () => (holder = undefined),
  }
}

const leadCounter = (fail = 0) => {
  const counts = { leads: 0, stops: 0, failures: fail }
  const lead = async () => {
    if (counts.failures > 0) {
      counts.failures--
      throw new Error('Mattermost is down')
    }
    counts.leads++
    return async () => void counts.stops++
  }
  return { counts, lead }
}

describe('leadership', () => {
  it('stops leading at once when its lock is lost, and leads again once it gets the lock back', async () => {
    const lock = fakeLock()
    const { counts, lead } = leadCounter()
    const leadership = startLeadership({ locks: lock.locks, lockName: 'bot', lead, retryMs: 5, logger: silentLogger })
    await eventually(() => leadership.isLeader())
    lock.lose()
    await eventually(() => counts.stops === 1)
    expect(leadership.isLeader()).toBe(false)
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(counts.leads).toBe(1)
    expect(lock.releases).toEqual(['released after it was lost'])
    lock.otherReleases()
    await eventually(() => leadership.isLeader())
    expect(counts.leads).toBe(2)
    await leadership.close()
    expect(counts.stops).toBe(2)
    expect(lock.releases).toEqual(['released after it was lost', 'released'])
  })

  it('gives the lock back when lead fails, and tries again', async () => {
    const lock = fakeLock()
    const { counts, lead } = leadCounter(1)
    const leadership = startLeadership({ locks: lock.locks, lockName: 'bot', lead, retryMs: 5, logger: silentLogger })
    await eventually(() => leadership.isLeader())
    expect(counts.leads).toBe(1)
    expect(lock.releases).toEqual(['released'])
    await leadership.close()
    expect(lock.releases).toEqual(['released', 'released'])
  })
})
