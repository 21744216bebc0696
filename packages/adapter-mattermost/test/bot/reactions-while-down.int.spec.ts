import { afterEach, describe, expect, it } from 'vitest'
import type { BotLocks } from '../../src/index.js'
import { REACTIONS_SEEN_UNTIL } from '../../src/bot/processes/reactions-seen-until.js'
import { skipWithoutSharedSpec } from '../fake-mattermost/index.js'
import { eventually, freePort, inMemoryLocks, seedUsers, startHarness, type Harness } from './bot-harness.js'

const TRIGGER = 'rotating_light'
const HOUR_MS = 3_600_000

describe.skipIf(skipWithoutSharedSpec('reactions while no bot led end to end'))('reactions made while no bot was leading', { timeout: 30_000 }, () => {
  let h: Harness
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') console.log(h.logs.join('\n'))
    expect(h.fake.violations).toEqual([])
    await h.close()
  })

  /** The `incident.started` events quoting a post. */
  const startedFrom = async (postId: string) =>
    (await h.store.readAll({ after: '', limit: 100_000 })).events.filter((e) => e.type === 'incident.started' && JSON.stringify(e.data).includes(postId))
  const incidentChannelNamed = (name: string) => eventually(() => [...h.fake.state.channels.values()].find((c) => c.display_name === name))
  const say = (userId: string, message: string) => h.fake.postAsUser({ userId, channelId: h.fake.townSquare.id, message })
  /** Once saved, the leader's first connection has decided what to catch up on. */
  const seenUntilSaved = () => eventually(() => h.checkpoints.load(REACTIONS_SEEN_UNTIL))
  /** No bot listens any more: a reaction now reaches nobody live. */
  const noBotConnected = () => eventually(() => !h.fake.webSocket.connectedUserIds().includes(h.fake.bot.user.id))

  it('a trigger reaction made while the bot was stopped starts one incident when it starts again', async () => {
    h = await startHarness()
    const [alice, bob, carol] = seedUsers(h, 'alice', 'bob', 'carol') as [string, string, string]
    const bot = await h.startBot()
    const post = say(alice, 'Checkout returns 502')
    await seenUntilSaved()
    await bot.close()
    await noBotConnected()
    h.fake.addReaction({ userId: bob, postId: post.id, emoji: TRIGGER })
    h.fake.addReaction({ userId: carol, postId: post.id, emoji: TRIGGER })
    await h.startBot()
    await incidentChannelNamed('Checkout returns 502')
    const started = await startedFrom(post.id)
    expect(started).toHaveLength(1)
    expect(started[0]?.actorId).toBe(bob)
    expect(started[0]?.data).toMatchObject({ sourcePost: { postId: post.id, channelId: h.fake.townSquare.id } })
  })

  it('a first start leaves older trigger reactions alone; the next start still catches up on later ones', async () => {
    let fakeClockOffsetMs = -HOUR_MS
    h = await startHarness({ fakeNow: () => Date.now() + fakeClockOffsetMs })
    const [alice, bob] = seedUsers(h, 'alice', 'bob') as [string, string]
    const old = say(alice, 'Outage from an hour ago')
    h.fake.addReaction({ userId: bob, postId: old.id, emoji: TRIGGER })
    fakeClockOffsetMs = 0
    const bot = await h.startBot()
    await seenUntilSaved()
    expect(await startedFrom(old.id)).toEqual([])
    const later = say(alice, 'Disk full on db-2')
    await bot.close()
    await noBotConnected()
    h.fake.addReaction({ userId: bob, postId: later.id, emoji: TRIGGER })
    await h.startBot()
    await incidentChannelNamed('Disk full on db-2')
    expect(await startedFrom(later.id)).toHaveLength(1)
    expect(await startedFrom(old.id)).toEqual([])
  })

  it('a replica taking over catches up on trigger reactions made while none led', async () => {
    h = await startHarness()
    const [alice, bob] = seedUsers(h, 'alice', 'bob') as [string, string]
    const shared = inMemoryLocks()
    let leadingAllowed = true
    const locks: BotLocks = { tryLock: async (name) => (leadingAllowed ? shared.tryLock(name) : undefined) }
    const first = await h.startBot({ locks })
    const second = await h.startBot({ locks, port: await freePort() })
    const leader = await eventually(() => (first.isLeader() ? first : second.isLeader() ? second : undefined))
    const follower = leader === first ? second : first
    await seenUntilSaved()
    const post = say(alice, 'Replica failover drill')
    leadingAllowed = false
    await leader.close()
    await noBotConnected()
    h.fake.addReaction({ userId: bob, postId: post.id, emoji: TRIGGER })
    expect(follower.isLeader()).toBe(false)
    leadingAllowed = true
    await eventually(() => follower.isLeader())
    await incidentChannelNamed('Replica failover drill')
    expect(await startedFrom(post.id)).toHaveLength(1)
  })

  it('while connected, the leader moves the saved time forward', async () => {
    h = await startHarness()
    await h.startBot({ reactionsSeenSaveMs: 20 })
    const firstSaved = Date.parse(await seenUntilSaved())
    await eventually(async () => Date.parse((await h.checkpoints.load(REACTIONS_SEEN_UNTIL)) ?? '') > firstSaved)
  })
})
