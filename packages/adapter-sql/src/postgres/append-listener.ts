import pg from 'pg'
import { NOTIFY_CHANNEL_PREFIX } from '../schema/tables.js'
import { endClient } from './end-client.js'
import type { TimedQueryConfig } from './query-timeout.js'

export interface AppendListener {
  close(): Promise<void>
}

/** How long to wait before reconnecting a listener whose connection broke (polling covers the gap). */
const RECONNECT_DELAY_MS = 1_000

/**
 * LISTENs on the schema's append channel on a dedicated connection and calls `onAppend` at each
 * notification. If the connection breaks it reconnects; readers keep polling meanwhile, so a lost
 * notification delays delivery by at most one poll interval. (An idle LISTEN connection whose
 * server vanished is found broken by TCP keepalive, set on every connection of the store.)
 *
 * @example
 * const listener = listenForAppends(clientConfig, 'public', wake.notify, senderId, 60_000) // skips our own notifications
 */
export const listenForAppends = (config: pg.ClientConfig, schema: string, onAppend: () => void, ownSenderId: string | undefined, queryTimeoutMs: number): AppendListener => {
  let closed = false
  let client: pg.Client | undefined
  let retry: NodeJS.Timeout | undefined
  const connect = async () => {
    if (closed) return
    const next = new pg.Client(config)
    client = next
    const reconnect = () => {
      if (closed || client !== next) return
      client = undefined
      void endClient(next)
      retry = setTimeout(() => void connect(), RECONNECT_DELAY_MS)
      retry.unref()
    }
    next.on('error', reconnect)
    next.on('end', reconnect)
    // This process's own appends already woke its readers; its notification coming back would
    // only cost them another read.
    next.on('notification', (message) => {
      if (ownSenderId === undefined || message.payload !== ownSenderId) onAppend()
    })
    try {
      await next.connect()
      // Bounded: a LISTEN that gets no answer (a partition) reconnects instead of waiting for good.
      const listen: TimedQueryConfig = { text: `LISTEN "${NOTIFY_CHANNEL_PREFIX}${schema}"`, query_timeout: queryTimeoutMs }
      await next.query(listen)
      // Appends made while (re)connecting sent their NOTIFY to nobody: wake readers to look.
      onAppend()
    } catch {
      reconnect()
    }
  }
  void connect()
  return {
    close: async () => {
      closed = true
      clearTimeout(retry)
      if (client) await endClient(client)
    },
  }
}
