import { createInMemoryCheckpointStore, createInMemoryEventStore, manualClock, type CheckpointStore, type EventStore } from '@incident-kit/core'
import { afterEach, describe, expect, it } from 'vitest'
import { REACTIONS_SEEN_UNTIL } from '../../src/bot/processes/reactions-seen-until.js'
import { skipWithoutSharedSpec } from '../fake-mattermost/index.js'
import { channelNamed, eventually, incidentsStartedFrom, postInTownSquare, seedUsers, startHarness, type Harness } from './bot-harness.js'

const TRIGGER = 'rotating_light'

/** Checkpoints that fail the next `failures` reads of the reaction time, as a database briefly away. */
const flakyCheckpoints = () => {
  const inner = createInMemoryCheckpointStore()
  let failures = 0
  const checkpoints: CheckpointStore = {
    load: async (name) => {
      if (name === REACTIONS_SEEN_UNTIL && failures > 0) {
        failures -= 1
        throw new Error('database connection reset')
      }
      return inner.load(name)
    },
    save: (name, value) => inner.save(name, value),
  }
  return { checkpoints, failNextReads: (count: number) => void (failures = count) }
}

/**
 * A store whose appends of `incident.started` fail while armed: `before` stores nothing, `after`
 * stores the events and then reports a failure (the connection broke before the commit was confirmed).
 */
const flakyStarts = () => {
  const inner = createInMemoryEventStore()
  let failing: { readonly when: 'before' | 'after'; times: number } | undefined
  /** Every command id looked up: each handling of a command looks for its earlier result first. */
  const lookups: string[] = []
  const store: EventStore = {
    ...inner,
    appendToStream: async (streamId, events, options) => {
      const armed = failing !== undefined && failing.times > 0 && events[0]?.type === 'incident.started' ? failing : undefined
      if (armed) armed.times -= 1
      if (armed?.when === 'before') throw new Error('database connection reset')
      const appended = await inner.appendToStream(streamId, events, options)
      if (armed?.when === 'after') throw new Error('database connection reset before the commit was confirmed')
      return appended
    },
    readStream: (streamId, options) => inner.readStream(streamId, options),
    readAll: (options) => inner.readAll(options),
    readByCommandId: (commandId) => {
      lookups.push(commandId)
      return inner.readByCommandId(commandId)
    },
    subscribe: (options) => inner.subscribe(options),
    close: () => inner.close(),
  }
  return { store, lookups, failStarts: (when: 'before' | 'after', times = 1) => void (failing = { when, times }), heal: () => void (failing = undefined) }
}

describe.skipIf(skipWithoutSharedSpec('reaction catch-up retries end to end'))('trigger reactions whose handling failed', { timeout: 30_000 }, () => {
  let h: Harness
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') console.log(h.logs.join('\n'))
    expect(h.fake.violations).toEqual([])
    await h.close()
  })

  const savedReactionTime = async () => Date.parse((await h.checkpoints.load(REACTIONS_SEEN_UNTIL)) ?? '')

  it('a first catch-up that failed is tried again while leading: the reaction made while no bot ran starts its incident', async () => {
    const storage = flakyCheckpoints()
    h = await startHarness({ storage: { store: createInMemoryEventStore(), checkpoints: storage.checkpoints } })
    const [alice, bob] = seedUsers(h, 'alice', 'bob') as [string, string]
    const first = await h.startBot()
    const post = postInTownSquare(h, alice, 'Cache cluster unreachable')
    const savedBefore = await eventually(() => h.checkpoints.load(REACTIONS_SEEN_UNTIL))
    await first.close()
    await eventually(() => !h.fake.webSocket.connectedUserIds().includes(h.fake.bot.user.id))
    h.fake.addReaction({ userId: bob, postId: post.id, emoji: TRIGGER })

    storage.failNextReads(2)
    await h.startBot({ reactionsSeenSaveMs: 20 })
    await channelNamed(h, 'Cache cluster unreachable')
    expect(await incidentsStartedFrom(h, post.id)).toHaveLength(1)
    await eventually(async () => (await savedReactionTime()) > Date.parse(savedBefore))
  })

  /** Once saved, the leader's first catch-up is done: a reaction from now on is handled live. */
  const leaderCaughtUp = () => eventually(() => h.checkpoints.load(REACTIONS_SEEN_UNTIL))
  const reactionHandlingFailed = () => eventually(() => h.logs.some((line) => line.includes('could not handle a Mattermost event')))

  it('a trigger reaction whose incident could not be recorded is handled again while the bot runs', async () => {
    const flaky = flakyStarts()
    h = await startHarness({ storage: { store: flaky.store, checkpoints: createInMemoryCheckpointStore() } })
    const [alice, bob] = seedUsers(h, 'alice', 'bob') as [string, string]
    await h.startBot()
    await leaderCaughtUp()
    const post = postInTownSquare(h, alice, 'Payments API returns 500')
    flaky.failStarts('before')
    h.fake.addReaction({ userId: bob, postId: post.id, emoji: TRIGGER })
    await reactionHandlingFailed()
    await channelNamed(h, 'Payments API returns 500')
    expect(await incidentsStartedFrom(h, post.id)).toHaveLength(1)
  })

  it('handling one twice is safe: an incident recorded although the store reported a failure is not started again', async () => {
    const flaky = flakyStarts()
    h = await startHarness({ storage: { store: flaky.store, checkpoints: createInMemoryCheckpointStore() } })
    const [alice, bob] = seedUsers(h, 'alice', 'bob') as [string, string]
    await h.startBot()
    await leaderCaughtUp()
    const post = postInTownSquare(h, alice, 'Mail queue stuck')
    flaky.failStarts('after')
    h.fake.addReaction({ userId: bob, postId: post.id, emoji: TRIGGER })
    await reactionHandlingFailed()
    await eventually(() => flaky.lookups.filter((id) => id === `reaction-start-${post.id}`).length >= 2)
    await channelNamed(h, 'Mail queue stuck')
    expect(await incidentsStartedFrom(h, post.id)).toHaveLength(1)
    expect([...h.fake.state.channels.values()].filter((c) => c.display_name === 'Mail queue stuck')).toHaveLength(1)
  })

  it('the saved reaction time stays before a reaction not yet handled: the next start still finds it', async () => {
    const flaky = flakyStarts()
    h = await startHarness({ storage: { store: flaky.store, checkpoints: createInMemoryCheckpointStore() } })
    const [alice, bob] = seedUsers(h, 'alice', 'bob') as [string, string]
    const clock = manualClock(new Date().toISOString())
    const first = await h.startBot({ clock, reactionsSeenSaveMs: 20 })
    await leaderCaughtUp()
    const post = postInTownSquare(h, alice, 'Search index corrupted')
    flaky.failStarts('before', Number.POSITIVE_INFINITY)
    h.fake.addReaction({ userId: bob, postId: post.id, emoji: TRIGGER })
    await reactionHandlingFailed()
    // Well past the 60 s the catch-up looks back before the saved time.
    clock.advance(5 * 60_000)
    await new Promise((resolve) => setTimeout(resolve, 200))
    const reaction = h.fake.state.reactions.find((r) => r.post_id === post.id)!
    expect(await savedReactionTime()).toBeLessThanOrEqual(reaction.create_at)
    await first.close()
    flaky.heal()
    await h.startBot()
    await channelNamed(h, 'Search index corrupted')
    expect(await incidentsStartedFrom(h, post.id)).toHaveLength(1)
  })
})
