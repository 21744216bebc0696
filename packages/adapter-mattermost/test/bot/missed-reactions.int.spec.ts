import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { skipWithoutSharedSpec } from '../fake-mattermost/index.js'
import { channelNamed, eventually, incidentsStartedFrom, postInTownSquare, seedUsers, startHarness, type Harness } from './bot-harness.js'

const TRIGGER = 'rotating_light'

describe.skipIf(skipWithoutSharedSpec('missed reactions end to end'))('reactions made while the bot was disconnected', { timeout: 30_000 }, () => {
  let h: Harness
  let alice: string
  let bob: string
  let carol: string

  /**
   * Cuts the bot's WebSocket; whatever `meanwhile` does reaches nobody, so the bot comes back on a
   * fresh connection (it cannot resume) and must look for what it missed.
   */
  const whileDisconnected = async (meanwhile: () => void) => {
    await eventually(() => h.fake.webSocket.connectedUserIds().includes(h.fake.bot.user.id))
    h.fake.webSocket.dropConnections()
    meanwhile()
  }

  beforeAll(async () => {
    h = await startHarness()
    ;[alice, bob, carol] = seedUsers(h, 'alice', 'bob', 'carol') as [string, string, string]
    await h.startBot()
  })
  afterEach((context) => {
    if (context.task.result?.state === 'fail') console.log(h.logs.join('\n'))
    expect(h.fake.violations).toEqual([])
  })
  afterAll(async () => {
    await h?.close()
  })

  it('starts one incident for a post reacted to with the trigger emoji meanwhile', async () => {
    const post = postInTownSquare(h, alice, 'Search is down since the deploy')
    await whileDisconnected(() => h.fake.addReaction({ userId: bob, postId: post.id, emoji: TRIGGER }))
    await channelNamed(h, 'Search is down since the deploy')
    const started = await incidentsStartedFrom(h, post.id)
    expect(started).toHaveLength(1)
    expect(started[0]?.data).toMatchObject({ sourcePost: { postId: post.id, channelId: h.fake.townSquare.id } })
  })

  it('starts none for another emoji or for the bot\'s own trigger reaction', async () => {
    // The catch-up goes through a channel's posts oldest first: once the last one became an
    // incident, the earlier ones have been decided.
    const lunch = postInTownSquare(h, alice, 'Lunch is here')
    const botOwn = postInTownSquare(h, alice, 'Disk at 85 percent')
    const last = postInTownSquare(h, bob, 'Payments time out')
    await whileDisconnected(() => {
      h.fake.addReaction({ userId: bob, postId: lunch.id, emoji: 'pizza' })
      h.fake.addReaction({ userId: h.fake.bot.user.id, postId: botOwn.id, emoji: TRIGGER })
      h.fake.addReaction({ userId: carol, postId: last.id, emoji: TRIGGER })
    })
    await channelNamed(h, 'Payments time out')
    expect(await incidentsStartedFrom(h, lunch.id)).toEqual([])
    expect(await incidentsStartedFrom(h, botOwn.id)).toEqual([])
  })

  it('does not start a post again that already became an incident', async () => {
    const known = postInTownSquare(h, alice, 'Login page blank')
    h.fake.addReaction({ userId: alice, postId: known.id, emoji: TRIGGER })
    await channelNamed(h, 'Login page blank')
    const last = postInTownSquare(h, bob, 'Queue backlog growing')
    await whileDisconnected(() => {
      h.fake.addReaction({ userId: carol, postId: known.id, emoji: TRIGGER })
      h.fake.addReaction({ userId: carol, postId: last.id, emoji: TRIGGER })
    })
    await channelNamed(h, 'Queue backlog growing')
    expect(await incidentsStartedFrom(h, known.id)).toHaveLength(1)
    expect(h.logs.filter((line) => line.includes('missed while disconnected'))).toEqual([])
  })
})
