import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeMattermost, skipWithoutSharedSpec, type FakeMattermost } from '../../test/fake-mattermost/index.js'
import { createMattermostApi } from './create-mattermost-api.js'
import type { MattermostEvent, MattermostEventStream } from './events.js'
import type { MattermostApi } from './mattermost-api.js'

/** Waits for a condition the event stream makes true; vitest's own timeout bounds it. */
const eventually = async (condition: () => boolean): Promise<void> => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5))
}

describe.skipIf(skipWithoutSharedSpec('Mattermost event stream'))('Mattermost event stream', () => {
  let fake: FakeMattermost
  let api: MattermostApi
  let stream: MattermostEventStream
  const events: MattermostEvent[] = []
  let resyncs = 0

  beforeAll(async () => {
    fake = await startFakeMattermost()
    api = createMattermostApi({ url: fake.url, token: fake.bot.token, webSocket: { minRetryMs: 10, jitterMs: 5, maxRetryMs: 50 } })
    stream = api.connectEvents({
      onEvent: (event) => void events.push(event),
      onResync: () => {
        resyncs += 1
      },
    })
    await stream.ready()
  })
  afterAll(async () => {
    stream.close()
    await fake.close()
    expect(fake.violations).toEqual([])
  })

  it('authenticates with the bot token in the upgrade request and reports connected', () => {
    expect(stream.status()).toBe('connected')
    expect(fake.webSocket.connectedUserIds()).toEqual([fake.bot.user.id])
  })

  it('delivers user_added for channels the bot is in, with parsed fields', async () => {
    const dave = fake.seed.user({ username: 'dave' }).user
    fake.seed.teamMember(fake.team.id, dave.id)
    const channel = await api.createChannel({ teamId: fake.team.id, displayName: 'Events' })
    await api.addChannelMember(channel.id, dave.id)
    await eventually(() => events.some((event) => event.type === 'user_added' && event.userId === dave.id))
    expect(events.find((event) => event.type === 'user_added')).toMatchObject({ channelId: channel.id, teamId: fake.team.id })
  })

  it('delivers reaction_added with the reaction parsed from its JSON string', async () => {
    const post = fake.postAsUser({ userId: fake.bot.user.id, channelId: fake.townSquare.id, message: 'db is slow' })
    fake.addReaction({ userId: fake.bot.user.id, postId: post.id, emoji: 'rotating_light' })
    await eventually(() => events.some((event) => event.type === 'reaction_added'))
    expect(events.find((event) => event.type === 'reaction_added')).toMatchObject({
      channelId: fake.townSquare.id,
      reaction: { post_id: post.id, emoji_name: 'rotating_light' },
    })
    expect(events.find((event) => event.type === 'posted' && event.post.id === post.id)).toBeDefined()
  })

  it('resumes after a network blip without a resync when nothing was missed', async () => {
    const before = resyncs
    fake.webSocket.dropConnections()
    await eventually(() => stream.status() === 'disconnected')
    await eventually(() => stream.status() === 'connected')
    const post = fake.postAsUser({ userId: fake.bot.user.id, channelId: fake.townSquare.id, message: 'after blip' })
    await eventually(() => events.some((event) => event.type === 'posted' && event.post.id === post.id))
    expect(resyncs).toBe(before)
  })

  it('asks for a resync when events were missed while disconnected', async () => {
    const before = resyncs
    fake.webSocket.dropConnections()
    await eventually(() => stream.status() === 'disconnected')
    fake.postAsUser({ userId: fake.bot.user.id, channelId: fake.townSquare.id, message: 'while away' })
    await eventually(() => resyncs === before + 1)
    expect(stream.status()).toBe('connected')
  })

  it('keeps trying while Mattermost is down and comes back by itself', async () => {
    await fake.simulate.down('refused')
    await eventually(() => stream.status() === 'disconnected')
    await fake.simulate.up()
    await eventually(() => stream.status() === 'connected')
    const post = fake.postAsUser({ userId: fake.bot.user.id, channelId: fake.townSquare.id, message: 'after outage' })
    await eventually(() => events.some((event) => event.type === 'posted' && event.post.id === post.id))
  })

  it('asks for a resync after a server restart forgot the connection', async () => {
    const before = resyncs
    fake.webSocket.forgetConnections()
    await eventually(() => resyncs === before + 1)
    const post = fake.postAsUser({ userId: fake.bot.user.id, channelId: fake.townSquare.id, message: 'after restart' })
    await eventually(() => events.some((event) => event.type === 'posted' && event.post.id === post.id))
  })
})
