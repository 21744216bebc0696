import { createInMemoryCheckpointStore, createInMemoryEventStore, type CheckpointStore } from '@incident-kit/core'
import { afterEach, describe, expect, it } from 'vitest'
import type { BotLocks } from '../../src/index.js'
import { REACTIONS_SEEN_UNTIL } from '../../src/bot/processes/reactions-seen-until.js'
import { freePort, skipWithoutSharedSpec } from '../fake-mattermost/index.js'
import { eventPosts, eventually, seedUsers, slashTo, startHarness, startIncidentThroughDialog, type Harness } from './bot-harness.js'

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** One lock for two replicas; `loseHeld()` is the database dropping it behind its holder's back. */
const losableLocks = () => {
  let holder: symbol | undefined
  let loseHeld = () => undefined as void
  const locks: BotLocks = {
    tryLock: async () => {
      if (holder !== undefined) return undefined
      const me = Symbol('holder')
      holder = me
      let lose = () => undefined as void
      const lost = new Promise<void>((resolve) => (lose = resolve))
      loseHeld = () => {
        if (holder === me) holder = undefined
        lose()
      }
      return { lost, release: async () => void (holder === me && (holder = undefined)) }
    },
  }
  return { locks, loseHeld: () => loseHeld() }
}

/** Checkpoints whose reaction-time saves hang while `stall` is on, as on a database that is failing. */
const stallableCheckpoints = () => {
  const inner = createInMemoryCheckpointStore()
  let release: () => void = () => undefined
  let stalled: Promise<void> | undefined
  const checkpoints: CheckpointStore = {
    load: (name) => inner.load(name),
    save: async (name, value) => {
      if (name === REACTIONS_SEEN_UNTIL && stalled) await stalled
      await inner.save(name, value)
    },
  }
  return {
    checkpoints,
    stall: () => void (stalled = new Promise<void>((resolve) => (release = resolve))),
    unstall: () => {
      stalled = undefined
      release()
    },
  }
}

describe.skipIf(skipWithoutSharedSpec('lost lead end to end'))('a leader that loses its lock', { timeout: 30_000 }, () => {
  let h: Harness
  let unstall = () => undefined as void
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') console.log(h.logs.join('\n'))
    expect(h.fake.violations).toEqual([])
    unstall()
    await h.close()
  })

  it('stops posting at once, even while saving the reaction time hangs: the new leader posts each message once', async () => {
    const storage = stallableCheckpoints()
    unstall = storage.unstall
    h = await startHarness({ storage: { store: createInMemoryEventStore(), checkpoints: storage.checkpoints } })
    const [alice, carol] = seedUsers(h, 'alice', 'carol') as [string, string]
    const lock = losableLocks()
    const ports = [h.settings.port, await freePort()]
    const replicas = [await h.startBot({ locks: lock.locks, reactionsSeenSaveMs: 20 }), await h.startBot({ locks: lock.locks, port: ports[1]!, reactionsSeenSaveMs: 20 })]
    const leader = await eventually(() => replicas.find((bot) => bot.isLeader()))
    const follower = replicas.find((bot) => bot !== leader)!
    const followerUrl = `http://127.0.0.1:${ports[replicas.indexOf(follower)]!}`
    const channelId = await startIncidentThroughDialog(h, alice, { name: 'Split brain' })
    const dmsBefore = [...h.fake.state.posts.values()].filter((p) => p.props.incident_kit_onboarding).length

    storage.stall()
    await pause(60)
    lock.loseHeld()
    await eventually(() => follower.isLeader())
    const notes = ['first note', 'second note', 'third note']
    for (const [i, note] of notes.entries()) {
      const reply = await slashTo(h, followerUrl, { userId: alice, userName: 'alice', channelId, text: `note ${note}`, triggerId: `lost-${i}` })
      expect(reply.status).toBe(200)
    }
    h.fake.joinChannel({ userId: carol, channelId })
    await eventually(() => eventPosts(h, channelId).find((p) => p.message.includes('third note')))
    await eventually(() => [...h.fake.state.posts.values()].filter((p) => p.props.incident_kit_onboarding).length > dmsBefore)
    // Time for a replica still posting to post again.
    await pause(500)

    expect(notes.map((note) => eventPosts(h, channelId).filter((p) => p.message.includes(note)).length)).toEqual([1, 1, 1])
    expect([...h.fake.state.posts.values()].filter((p) => p.props.incident_kit_onboarding).length - dmsBefore).toBe(1)
  })
})
