import { createServer, type AddressInfo, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocketServer, type WebSocket } from 'ws'
import { connectEventStream } from './event-stream.js'
import type { MattermostEvent, MattermostEventStream } from './events.js'
import { silentLogger } from './logger.js'

const TOKEN = 'bot-token-for-ws-tests'

const eventually = async (condition: () => boolean): Promise<void> => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5))
}

/** A scripted Mattermost WebSocket: records upgrades and messages, runs `onConnect` per socket. */
const startScriptedServer = async (onConnect: (socket: WebSocket, index: number) => void) => {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const upgrades: { url: string; authorization: string | undefined }[] = []
  const messages: string[] = []
  server.on('connection', (socket, request) => {
    upgrades.push({ url: request.url ?? '', authorization: request.headers.authorization })
    socket.on('message', (raw) => messages.push(raw.toString()))
    onConnect(socket, upgrades.length - 1)
  })
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, upgrades, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

const hello = (socket: WebSocket, connectionId: string, seq = 0) =>
  socket.send(JSON.stringify({ event: 'hello', data: { connection_id: connectionId }, broadcast: {}, seq }))

describe('event stream protocol handling', () => {
  let stream: MattermostEventStream | undefined
  afterEach(() => stream?.close())

  const connect = (url: string, events: MattermostEvent[], onResync: () => void | Promise<void> = () => undefined, pingIntervalMs = 30_000) =>
    connectEventStream({
      siteUrl: url, token: TOKEN, logger: silentLogger, redact: (text) => text, random: () => 0,
      minRetryMs: 5, jitterMs: 0, maxRetryMs: 20, pingIntervalMs, connectTimeoutMs: 30, onEvent: (event) => void events.push(event), onResync,
    })

  it('gives up on an upgrade the server never answers and tries again', async () => {
    const sockets: Socket[] = []
    const mute = createServer((socket) => void sockets.push(socket))
    await new Promise<void>((resolve) => mute.listen(0, '127.0.0.1', resolve))
    stream = connect(`http://127.0.0.1:${(mute.address() as AddressInfo).port}`, [])
    await eventually(() => sockets.length >= 2)
    expect(stream.status()).not.toBe('connected')
    stream.close()
    sockets.forEach((socket) => socket.destroy())
    await new Promise<void>((resolve) => mute.close(() => resolve()))
  })

  it('drops a connection that gets no hello in time and connects again', async () => {
    const server = await startScriptedServer((socket, index) => {
      if (index > 0) hello(socket, 'conn1')
    })
    stream = connect(server.url, [])
    await stream.ready()
    expect(server.upgrades).toHaveLength(2)
    stream.close()
    await server.close()
  })

  it('authenticates in the upgrade request and never sends the token in a message', async () => {
    const server = await startScriptedServer((socket) => hello(socket, 'conn1'))
    stream = connect(server.url, [], () => undefined, 10)
    await stream.ready()
    await eventually(() => server.messages.length > 0)
    expect(server.upgrades[0]?.authorization).toBe(`Bearer ${TOKEN}`)
    expect(server.upgrades[0]?.url).toBe('/api/v4/websocket')
    expect(server.messages.join('\n')).not.toContain(TOKEN)
    stream.close()
    await server.close()
  })

  it('reconnects when pings go unanswered, resuming with connection_id and sequence_number', async () => {
    const server = await startScriptedServer((socket, index) => {
      hello(socket, 'conn1', index === 0 ? 0 : 2)
      if (index === 0) socket.send(JSON.stringify({ event: 'user_added', data: { user_id: 'u' }, broadcast: { channel_id: 'c' }, seq: 1 }))
    })
    const events: MattermostEvent[] = []
    stream = connect(server.url, events, () => undefined, 15)
    await eventually(() => server.upgrades.length >= 2)
    expect(server.upgrades[1]?.url).toBe('/api/v4/websocket?connection_id=conn1&sequence_number=2')
    expect(events.map((event) => event.type)).toEqual(['user_added'])
    stream.close()
    await server.close()
  })

  it('counts a resumed connection as connected at its first in-order event, with no hello and no resync', async () => {
    const event = (socket: WebSocket, seq: number) => socket.send(JSON.stringify({ event: 'user_added', data: { user_id: `u${seq}` }, broadcast: { channel_id: 'c' }, seq }))
    const server = await startScriptedServer((socket, index) => {
      if (index === 0) {
        hello(socket, 'conn1')
        event(socket, 1)
        setTimeout(() => socket.close(), 10)
        return
      }
      // Like the real server on reuse: no hello, the queued event, then later a new one (after the hello deadline).
      event(socket, 2)
      setTimeout(() => event(socket, 3), 60)
    })
    const events: MattermostEvent[] = []
    const statuses: string[] = []
    let resyncs = 0
    stream = connectEventStream({
      siteUrl: server.url, token: TOKEN, logger: silentLogger, redact: (text) => text, random: () => 0,
      minRetryMs: 5, jitterMs: 0, maxRetryMs: 20, connectTimeoutMs: 30,
      onEvent: (received) => void events.push(received),
      onResync: () => void (resyncs += 1),
      onStatus: (status) => void statuses.push(status),
    })
    await eventually(() => events.length === 3)
    expect(server.upgrades.map((upgrade) => upgrade.url)).toEqual(['/api/v4/websocket', '/api/v4/websocket?connection_id=conn1&sequence_number=2'])
    expect(statuses).toEqual(['connected', 'disconnected', 'connecting', 'connected'])
    expect(stream.status()).toBe('connected')
    expect(resyncs).toBe(0)
    stream.close()
    await server.close()
  })

  it('drops a stream with a seq gap, reconnects fresh and asks for a resync', async () => {
    let resyncs = 0
    const server = await startScriptedServer((socket, index) => {
      hello(socket, `conn${index}`)
      if (index === 0) socket.send(JSON.stringify({ event: 'user_added', data: {}, broadcast: {}, seq: 3 }))
    })
    const events: MattermostEvent[] = []
    stream = connect(server.url, events, () => {
      resyncs += 1
    })
    await eventually(() => resyncs === 1)
    expect(server.upgrades[1]?.url).toBe('/api/v4/websocket')
    expect(events).toEqual([])
    stream.close()
    await server.close()
  })

  it('delivers the events after a resync without waiting for what the resync started', async () => {
    let resyncs = 0
    const server = await startScriptedServer((socket, index) => {
      hello(socket, `conn${index}`)
      socket.send(JSON.stringify({ event: 'user_added', data: { user_id: `u${index}` }, broadcast: { channel_id: 'c1' }, seq: index === 0 ? 3 : 1 }))
    })
    const events: MattermostEvent[] = []
    // A catch-up that never finishes (Mattermost keeps failing it).
    stream = connect(server.url, events, () => {
      resyncs += 1
      return new Promise<void>(() => undefined)
    })
    await eventually(() => resyncs === 1)
    await eventually(() => events.length === 1)
    expect(events[0]).toMatchObject({ type: 'user_added', userId: 'u1' })
    stream.close()
    await server.close()
  })

  it('rejects ready() when closed before the first hello', async () => {
    const server = await startScriptedServer(() => undefined)
    stream = connect(server.url, [])
    const ready = stream.ready()
    stream.close()
    await expect(ready).rejects.toThrow('closed before it was ready')
    expect(stream.status()).toBe('closed')
    await server.close()
  })
})
