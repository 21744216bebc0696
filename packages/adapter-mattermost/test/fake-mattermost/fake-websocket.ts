import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocket, WebSocketServer } from 'ws'
import { FAKE_SERVER_VERSION, bearerToken } from './fake-http.js'
import { newId } from './fake-ids.js'
import type { FakeBroadcast, FakeEventSink } from './fake-route.js'
import { isChannelMember, isTeamMember, type FakeState } from './fake-state.js'

export const WEBSOCKET_PATH = '/api/v4/websocket'

interface Connection {
  readonly id: string
  readonly userId: string
  nextSeq: number
  socket: WebSocket | undefined
  /** An event for this user arrived while it was disconnected: it cannot resume. */
  missed: boolean
}

export interface FakeWebSocketHubOptions {
  readonly state: FakeState
  readonly authenticate: (token: string | undefined) => string | undefined
}

/** The fake's WebSocket endpoint (GUIDE §8): hello at seq 0, contiguous seq, resume, ping. */
export interface FakeWebSocketHub {
  readonly handleUpgrade: (request: IncomingMessage, socket: Duplex, head: Buffer) => void
  readonly emit: FakeEventSink
  /** Drops every socket (a network blip); connections stay resumable unless they miss events. */
  readonly dropConnections: () => void
  /** Forgets every connection id too (a server restart): clients come back fresh and resync. */
  readonly forgetConnections: () => void
  /** Users with an open, authenticated socket. */
  readonly connectedUserIds: () => string[]
  readonly close: () => Promise<void>
}

/**
 * Builds the WebSocket side of the fake.
 *
 * @example
 * const hub = createFakeWebSocketHub({ state, authenticate: (token) => state.tokens.get(token ?? '') })
 * server.on('upgrade', hub.handleUpgrade)
 */
export const createFakeWebSocketHub = (options: FakeWebSocketHubOptions): FakeWebSocketHub => {
  const { state } = options
  const server = new WebSocketServer({ noServer: true })
  const connections = new Map<string, Connection>()

  const send = (connection: Connection, event: string, data: Readonly<Record<string, unknown>>, broadcast: FakeBroadcast) => {
    const frame = {
      event,
      data,
      broadcast: { omit_users: null, user_id: broadcast.user_id ?? '', channel_id: broadcast.channel_id ?? '', team_id: broadcast.team_id ?? '', connection_id: '', omit_connection_id: '' },
      seq: connection.nextSeq,
    }
    connection.nextSeq += 1
    connection.socket?.send(JSON.stringify(frame))
  }

  const hears = (userId: string, broadcast: FakeBroadcast): boolean => {
    if (broadcast.user_id !== undefined && broadcast.user_id !== '') return broadcast.user_id === userId
    if (broadcast.channel_id !== undefined && broadcast.channel_id !== '') return isChannelMember(state, broadcast.channel_id, userId)
    if (broadcast.team_id !== undefined && broadcast.team_id !== '') return isTeamMember(state, broadcast.team_id, userId)
    return true
  }

  const attach = (socket: WebSocket, userId: string, url: URL) => {
    const requestedId = url.searchParams.get('connection_id') ?? ''
    const requestedSeq = Number(url.searchParams.get('sequence_number') ?? '-1')
    const known = connections.get(requestedId)
    const resumable = known !== undefined && known.userId === userId && !known.missed && known.socket === undefined && known.nextSeq === requestedSeq
    const connection: Connection = resumable ? known : { id: newId(), userId, nextSeq: 0, socket: undefined, missed: false }
    connection.socket = socket
    connections.set(connection.id, connection)
    socket.on('close', () => {
      if (connection.socket === socket) connection.socket = undefined
    })
    send(connection, 'hello', { server_version: FAKE_SERVER_VERSION, connection_id: connection.id, server_hostname: 'fake-mattermost' }, { user_id: userId })
  }

  const serve = (socket: WebSocket, request: IncomingMessage) => {
    const url = new URL(request.url ?? '/', 'http://fake')
    let userId = options.authenticate(bearerToken(request.headers.authorization))
    if (userId !== undefined) attach(socket, userId, url)
    socket.on('message', (raw) => {
      let message: { action?: unknown; seq?: unknown; data?: Record<string, unknown> }
      try {
        message = JSON.parse(raw.toString()) as typeof message
      } catch {
        socket.close(1003)
        return
      }
      const reply = (status: 'OK' | 'FAIL', extra: Record<string, unknown> = {}) =>
        socket.send(JSON.stringify({ status, seq_reply: message.seq, ...extra }))
      if (message.action === 'authentication_challenge') {
        const challenged = options.authenticate(typeof message.data?.token === 'string' ? message.data.token : undefined)
        if (challenged === undefined) return socket.close(1008)
        reply('OK')
        if (userId === undefined) {
          userId = challenged
          attach(socket, userId, url)
        }
        return
      }
      if (userId === undefined) {
        return reply('FAIL', { error: { id: 'api.web_socket_router.not_authenticated.app_error', message: 'Not authenticated.' } })
      }
      if (message.action === 'ping') return reply('OK', { data: { text: 'pong', version: FAKE_SERVER_VERSION, server_time: Date.now() } })
      reply('OK')
    })
  }

  server.on('connection', serve)

  return {
    handleUpgrade: (request, socket, head) => {
      if (new URL(request.url ?? '/', 'http://fake').pathname !== WEBSOCKET_PATH) {
        socket.destroy()
        return
      }
      server.handleUpgrade(request, socket, head, (ws) => server.emit('connection', ws, request))
    },
    emit: (event, data, broadcast) => {
      for (const connection of connections.values()) {
        if (!hears(connection.userId, broadcast)) continue
        if (connection.socket === undefined || connection.socket.readyState !== WebSocket.OPEN) connection.missed = true
        else send(connection, event, data, broadcast)
      }
    },
    dropConnections: () => {
      for (const connection of connections.values()) connection.socket?.terminate()
    },
    forgetConnections: () => {
      for (const connection of connections.values()) connection.socket?.terminate()
      connections.clear()
    },
    connectedUserIds: () => [...connections.values()].filter((connection) => connection.socket !== undefined).map((connection) => connection.userId),
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate()
        server.close(() => resolve())
      }),
  }
}
