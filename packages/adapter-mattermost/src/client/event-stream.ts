import WebSocket from 'ws'
import type { MattermostEventStream, MattermostEventStreamOptions, MattermostEventStreamStatus } from './events.js'
import type { MattermostLogger } from './logger.js'
import { parseEvent, type WebSocketFrame } from './parse-event.js'
import { redactedCause, type Redactor } from './redact.js'

export interface EventStreamConnectOptions extends MattermostEventStreamOptions {
  readonly siteUrl: string
  readonly token: string
  readonly logger: MattermostLogger
  readonly redact: Redactor
  readonly random: () => number
  readonly minRetryMs?: number
  readonly jitterMs?: number
  readonly maxRetryMs?: number
  readonly pingIntervalMs?: number
  /** How long the upgrade may take, and then the `hello`; past it the socket is dropped and retried. */
  readonly connectTimeoutMs?: number
}

const DEFAULT_MIN_RETRY_MS = 1_000
const DEFAULT_JITTER_MS = 2_000
const DEFAULT_MAX_RETRY_MS = 60_000
const DEFAULT_PING_INTERVAL_MS = 30_000
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000
const MAX_BACKOFF_DOUBLINGS = 10
/** Close code the web client uses when it saw a gap in `seq`. */
const CLOSE_MISSED_EVENTS = 4001

/**
 * Opens Mattermost's WebSocket with the bot token in the upgrade request (never in a message) and
 * keeps it alive: ping every interval, reconnect with exponential backoff, resume with
 * `connection_id`/`sequence_number`, and `onResync` when events may have been missed.
 * Built on `ws` rather than `WebSocketClient`: on Node 20 that one needs global polyfills and logs
 * to `console` outside our logger and redaction (GUIDE §10).
 *
 * @example
 * const stream = connectEventStream({ siteUrl, token, logger, redact, random: Math.random, onEvent: (e) => console.log(e.type) })
 * await stream.ready(); stream.close()
 */
export const connectEventStream = (options: EventStreamConnectOptions): MattermostEventStream => {
  const { logger } = options
  const minRetryMs = options.minRetryMs ?? DEFAULT_MIN_RETRY_MS
  const pingIntervalMs = options.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS
  let status: MattermostEventStreamStatus = 'connecting'
  let socket: WebSocket | undefined
  let connectionId = ''
  let expectedSeq = 0
  let failures = 0
  let everConnected = false
  let closed = false
  let awaitingPong = false
  let actionSeq = 1
  let pingTimer: NodeJS.Timeout | undefined
  let reconnectTimer: NodeJS.Timeout | undefined
  let helloTimer: NodeJS.Timeout | undefined
  let delivery: Promise<void> = Promise.resolve()
  let resolveReady: () => void = () => undefined
  let rejectReady: (error: Error) => void = () => undefined
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve
    rejectReady = reject
  })
  ready.catch(() => undefined)

  const setStatus = (next: MattermostEventStreamStatus) => {
    if (status === next) return
    status = next
    options.onStatus?.(next)
  }

  const handlerFailed = (error: unknown) => {
    logger.error({ error: redactedCause(error, options.redact) }, 'mattermost event handler failed')
  }
  const deliver = (callback: () => void | Promise<void>) => {
    delivery = delivery.then(callback).catch(handlerFailed)
  }
  /**
   * In order with the events, but not awaited: what it starts (a catch-up that may retry for long)
   * must not hold up the live events after it.
   */
  const resync = (onResync: () => void | Promise<void>) =>
    deliver(() => {
      void Promise.resolve(onResync()).catch(handlerFailed)
    })

  const socketUrl = (): string => {
    const url = new URL(`${options.siteUrl}/api/v4/websocket`)
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
    if (connectionId !== '') {
      url.searchParams.set('connection_id', connectionId)
      url.searchParams.set('sequence_number', String(expectedSeq))
    }
    return url.toString()
  }

  const stopPing = () => {
    if (pingTimer !== undefined) clearInterval(pingTimer)
    pingTimer = undefined
  }

  const stopHelloDeadline = () => {
    if (helloTimer !== undefined) clearTimeout(helloTimer)
    helloTimer = undefined
  }

  /** Pings start only now, so a server that upgrades but never says hello would hold us forever. */
  const startHelloDeadline = (ws: WebSocket) => {
    helloTimer = setTimeout(() => {
      logger.warn({ connectTimeoutMs }, 'mattermost websocket: no hello in time, reconnecting')
      ws.terminate()
    }, connectTimeoutMs)
  }

  const startPing = (ws: WebSocket) => {
    awaitingPong = false
    pingTimer = setInterval(() => {
      if (awaitingPong) {
        logger.warn({}, 'mattermost websocket: no pong within the ping interval, reconnecting')
        ws.terminate()
        return
      }
      awaitingPong = true
      ws.send(JSON.stringify({ action: 'ping', seq: actionSeq++, data: {} }))
    }, pingIntervalMs)
  }

  const scheduleReconnect = () => {
    const backoff = Math.min(options.maxRetryMs ?? DEFAULT_MAX_RETRY_MS, minRetryMs * 2 ** Math.min(failures, MAX_BACKOFF_DOUBLINGS))
    const delayMs = Math.ceil(backoff + options.random() * (options.jitterMs ?? DEFAULT_JITTER_MS))
    failures += 1
    logger.info({ delayMs, failures }, 'mattermost websocket disconnected, reconnecting')
    reconnectTimer = setTimeout(open, delayMs)
  }

  const onHello = (frame: WebSocketFrame) => {
    const id = typeof frame.data?.connection_id === 'string' ? frame.data.connection_id : ''
    const resumed = connectionId !== '' && id === connectionId
    connectionId = id
    expectedSeq = frame.seq + 1
    failures = 0
    stopHelloDeadline()
    setStatus('connected')
    if (everConnected && !resumed && options.onResync !== undefined) resync(options.onResync)
    everConnected = true
    resolveReady()
  }

  /** The server says `hello` only on a fresh connection: a resume proves itself with the next event. */
  const onResumed = () => {
    failures = 0
    setStatus('connected')
    logger.info({ expectedSeq }, 'mattermost websocket resumed')
  }

  const onFrame = (ws: WebSocket, raw: string) => {
    let message: Record<string, unknown>
    try {
      message = JSON.parse(raw) as Record<string, unknown>
    } catch {
      logger.warn({ length: raw.length }, 'mattermost websocket: unreadable frame ignored')
      return
    }
    if ('seq_reply' in message) {
      awaitingPong = false
      return
    }
    if (typeof message.event !== 'string' || typeof message.seq !== 'number') return
    const frame = message as unknown as WebSocketFrame
    if (frame.event === 'hello') return onHello(frame)
    if (frame.seq !== expectedSeq) {
      logger.warn({ expected: expectedSeq, received: frame.seq }, 'mattermost websocket: events missed, reconnecting')
      connectionId = ''
      ws.close(CLOSE_MISSED_EVENTS)
      return
    }
    expectedSeq += 1
    if (status === 'connecting') onResumed()
    const event = parseEvent(frame)
    deliver(() => options.onEvent(event))
  }

  const open = () => {
    reconnectTimer = undefined
    if (closed) return
    setStatus('connecting')
    const resuming = connectionId !== ''
    // Without a handshake timeout, a server that accepts TCP but never answers the upgrade leaves us connecting forever.
    const ws = new WebSocket(socketUrl(), { headers: { Authorization: `Bearer ${options.token}` }, handshakeTimeout: connectTimeoutMs })
    socket = ws
    ws.on('open', () => {
      startPing(ws)
      // A resumed connection gets no hello and may stay quiet for long; the pings watch it instead.
      if (!resuming) startHelloDeadline(ws)
    })
    ws.on('message', (data) => onFrame(ws, data.toString()))
    ws.on('error', (error) => {
      logger.warn({ error: redactedCause(error, options.redact) }, 'mattermost websocket error')
    })
    ws.on('close', (code) => {
      if (socket !== ws) return
      stopPing()
      stopHelloDeadline()
      socket = undefined
      if (closed) return
      logger.debug({ code }, 'mattermost websocket closed')
      setStatus('disconnected')
      scheduleReconnect()
    })
  }

  open()
  return {
    status: () => status,
    ready: () => ready,
    close: () => {
      if (closed) return
      closed = true
      if (reconnectTimer !== undefined) clearTimeout(reconnectTimer)
      stopPing()
      stopHelloDeadline()
      socket?.close()
      socket = undefined
      setStatus('closed')
      rejectReady(new Error('mattermost event stream closed before it was ready'))
    },
  }
}
