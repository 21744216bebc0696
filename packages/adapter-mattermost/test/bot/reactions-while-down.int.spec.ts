import { afterEach, describe, expect, it } from 'vitest'
import type { BotLocks } from '../../src/index.js'
import { REACTIONS_SEEN_UNTIL } from '../../src/bot/processes/reactions-seen-until.js'
import { freePort, skipWithoutSharedSpec } from '../fake-mattermost/index.js'
import { channelNamed, eventually, incidentsStartedFrom, inMemoryLocks, postInTownSquare, seedUsers, startHarness, type Harness } from './bot-harness.js'

const TRIGGER = 'rotating_light'
const HOUR_MS = 3_600_000

describe.skipIf(skipWithoutSharedSpec('reactions while no bot led end to end'))('reactions made while no bot was leading', { timeout: 30_000 }, () => {
  let h: Harness
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') console.log(h.logs.join('\n'))
    expect(h.fake.violations).toEqual([])
    await h.close()
  })

  /** Once saved, the leader's first connection has decided what to catch up on. */
  const seenUntilSaved = () => eventually(() => h.checkpoints.load(REACTIONS_SEEN_UNTIL))
  /** No bot listens any more: a reaction now reaches nobody live. */
  const noBotConnected = () => eventually(() => !h.fake.webSocket.connectedUserIds().includes(h.fake.bot.user.id))

  it('a trigger reaction made while the bot was stopped starts one incident when it starts again', async () => {
    h = await startHarness()
    const [alice, bob, carol] = seedUsers(h, 'alice', 'bob', 'carol') as [string, string, string]
    const bot = await h.startBot()
    const post = postInTownSquare(h, alice, 'Checkout returns 502')
    await seenUntilSaved()
    await bot.close()
    await noBotConnected()
    h.fake.addReaction({ userId: bob, postId: post.id, emoji: TRIGGER })
    h.fake.addReaction({ userId: carol, postId: post.id, emoji: TRIGGER })
    await h.startBot()
    await channelNamed(h, 'Checkout returns 502')
    const started = await incidentsStartedFrom(h, post.id)
    expect(started).toHaveLength(1)
    expect(started[0]?.actorId).toBe(bob)
    expect(started[0]?.data).toMatchObject({ sourcePost: { postId: post.id, channelId: h.fake.townSquare.id } })
  })

  it('a first start leaves older trigger reactions alone; the next start still catches up on later ones', async () => {
    let fakeClockOffsetMs = -HOUR_MS
    h = await startHarness({ fakeNow: () => Date.now() + fakeClockOffsetMs })
    const [alice, bob] = seedUsers(h, 'alice', 'bob') as [string, string]
    const old = postInTownSquare(h, alice, 'Outage from an hour ago')
    h.fake.addReaction({ userId: bob, postId: old.id, emoji: TRIGGER })
    fakeClockOffsetMs = 0
    const bot = await h.startBot()
    await seenUntilSaved()
    expect(await incidentsStartedFrom(h, old.id)).toEqual([])
    const later = postInTownSquare(h, alice, 'Disk full on db-2')
    await bot.close()
    await noBotConnected()
    h.fake.addReaction({ userId: bob, postId: later.id, emoji: TRIGGER })
    await h.startBot()
    await channelNamed(h, 'Disk full on db-2')
    expect(await incidentsStartedFrom(h, later.id)).toHaveLength(1)
    expect(await incidentsStartedFrom(h, old.id)).toEqual([])
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
    const post = postInTownSquare(h, alice, 'Replica failover drill')
    leadingAllowed = false
    await leader.close()
    await noBotConnected()
    h.fake.addReaction({ userId: bob, postId: post.id, emoji: TRIGGER })
    expect(follower.isLeader()).toBe(false)
    leadingAllowed = true
    await eventually(() => follower.isLeader())
    await channelNamed(h, 'Replica failover drill')
    expect(await incidentsStartedFrom(h, post.id)).toHaveLength(1)
  })

  it('while connected, the leader moves the saved time forward', async () => {
    h = await startHarness()
    await h.startBot({ reactionsSeenSaveMs: 20 })
    const firstSaved = Date.parse(await seenUntilSaved())
    await eventually(async () => Date.parse((await h.checkpoints.load(REACTIONS_SEEN_UNTIL)) ?? '') > firstSaved)
  })
})
