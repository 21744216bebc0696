import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { startFakeMattermost, skipWithoutSharedSpec, type FakeMattermost } from './index.js'

type Frame = Record<string, unknown>

/** A raw socket that collects every frame, to check the fake's protocol without our client. */
const openRaw = async (url: string, headers: Record<string, string> = {}) => {
  const frames: Frame[] = []
  const socket = new WebSocket(`${url.replace('http', 'ws')}/api/v4/websocket`, { headers })
  socket.on('message', (raw) => frames.push(JSON.parse(raw.toString()) as Frame))
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)))
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('error', reject)
  })
  const until = async (condition: () => boolean) => {
    while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5))
  }
  return { socket, frames, closed, until }
}

describe.skipIf(skipWithoutSharedSpec('fake Mattermost WebSocket'))('fake Mattermost WebSocket', () => {
  let fake: FakeMattermost
  beforeAll(async () => {
    fake = await startFakeMattermost()
  })
  afterAll(async () => {
    await fake.close()
  })

  it('authenticates by challenge, says hello at seq 0 and answers pings', async () => {
    const raw = await openRaw(fake.url)
    raw.socket.send(JSON.stringify({ seq: 1, action: 'ping', data: {} }))
    await raw.until(() => raw.frames.length === 1)
    expect(raw.frames[0]).toMatchObject({ status: 'FAIL', seq_reply: 1, error: { id: 'api.web_socket_router.not_authenticated.app_error' } })
    raw.socket.send(JSON.stringify({ seq: 2, action: 'authentication_challenge', data: { token: fake.bot.token } }))
    await raw.until(() => raw.frames.length === 3)
    expect(raw.frames[1]).toEqual({ status: 'OK', seq_reply: 2 })
    expect(raw.frames[2]).toMatchObject({ event: 'hello', seq: 0, data: { connection_id: expect.any(String) } })
    raw.socket.send(JSON.stringify({ seq: 3, action: 'ping', data: {} }))
    await raw.until(() => raw.frames.length === 4)
    expect(raw.frames[3]).toMatchObject({ status: 'OK', seq_reply: 3, data: { text: 'pong' } })
    raw.socket.close()
  })

  it('closes the socket on a bad challenge token', async () => {
    const raw = await openRaw(fake.url)
    raw.socket.send(JSON.stringify({ seq: 1, action: 'authentication_challenge', data: { token: 'wrong' } }))
    await expect(raw.closed).resolves.toBe(1008)
  })

  it('numbers events contiguously per connection and sends posts as JSON strings to channel members only', async () => {
    const outsider = fake.seed.user({ username: 'outsider' })
    const member = await openRaw(fake.url, { Authorization: `BEARER ${fake.bot.token}` })
    const stranger = await openRaw(fake.url, { Authorization: `Token ${outsider.token}` })
    await member.until(() => member.frames.length === 1)
    await stranger.until(() => stranger.frames.length === 1)
    fake.postAsUser({ userId: fake.bot.user.id, channelId: fake.townSquare.id, message: 'one' })
    fake.postAsUser({ userId: fake.bot.user.id, channelId: fake.townSquare.id, message: 'two' })
    await member.until(() => member.frames.length === 3)
    expect(member.frames.map((frame) => frame.seq)).toEqual([0, 1, 2])
    const data = member.frames[2]?.data as { post: string }
    expect(typeof data.post).toBe('string')
    expect(JSON.parse(data.post)).toMatchObject({ message: 'two', channel_id: fake.townSquare.id })
    expect(member.frames[2]?.broadcast).toMatchObject({ channel_id: fake.townSquare.id })
    expect(stranger.frames.map((frame) => frame.event)).toEqual(['hello'])
    member.socket.close()
    stranger.socket.close()
  })
})
