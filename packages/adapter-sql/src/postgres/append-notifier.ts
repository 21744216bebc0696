import type pg from 'pg'
import { NOTIFY_CHANNEL_PREFIX } from '../schema/tables.js'
import { retiredBy, type TimedQueryConfig } from './query-timeout.js'
import { settledWithin } from './settled-within.js'

/**
 * The least time between two notifications of one process during a burst of appends: other
 * processes' readers wake at most this late. Each notification is a query of its own beside the
 * appends: on a fast machine, one every 10 ms cost a single writer's appends 10–20% of their rate,
 * one every 50 ms 0–7% (measured beside bench:store W1, 2026-11-28); one per append cost about a fifth.
 */
const NOTIFY_INTERVAL_MS = 50

/*
 * A NOTIFY gives its transaction an id, so its commit would wait for a WAL flush as an append's does.
 * The notification is only a hint (readers poll too), so it does not wait: `set_config(..., true)`
 * holds for this statement's own transaction only.
 */
const NOTIFY_WITHOUT_FLUSH = "SELECT set_config('synchronous_commit', 'off', true), pg_notify($1, $2)"

/*
 * How long `settle` (at `close`) waits for notifications still in flight. A notification is only
 * a hint, and one sent over a connection whose server stopped answering (a partition) would hold
 * `close` for the whole query timeout: after this, its connection is closed instead.
 */
const SETTLE_WAIT_MS = 1_000

/** One notification on its way: `sent` resolves when it is answered or failed; `cut` gives up on it and closes its connection. */
export interface SendingNotification {
  readonly sent: Promise<void>
  cut(): void
}

/** Sends one notification (`pg_notify(channel, payload)`). */
export type SendNotification = (channel: string, payload: string) => SendingNotification

export interface AppendNotifier {
  /** Tells other processes' listeners that events were appended (after the commit). Does nothing once `settle` has begun. */
  notify(): void
  /**
   * Sends what is still scheduled and resolves once nothing is in flight (before the pool closes),
   * or after `waitMs`, closing the connections of notifications still unanswered. An append that
   * commits meanwhile notifies no one (its readers find it at their next poll): a notification sent
   * or scheduled then would use the pool after it closed.
   */
  settle(waitMs?: number): Promise<void>
}

/**
 * Notifications on connections of the pool, each statement waiting `queryTimeoutMs` at most. A
 * notification that failed other than by the server's refusal, or was cut, retires its connection.
 *
 * @example
 * const notifier = createAppendNotifier(notifyOnPool(pool, 60_000), 'public', senderId)
 */
export const notifyOnPool =
  (pool: Pick<pg.Pool, 'connect'>, queryTimeoutMs: number): SendNotification =>
  (channel, payload) => {
    let client: pg.PoolClient | undefined
    let released = false
    let cut = false
    const release = (error?: Error) => {
      if (client === undefined || released) return
      released = true
      // Retired while its statement runs, pg closes the socket at once rather than wait for the answer.
      client.release(error)
    }
    const sent = (async () => {
      client = await pool.connect()
      if (cut) return release()
      try {
        const notification: TimedQueryConfig = { text: NOTIFY_WITHOUT_FLUSH, values: [channel, payload], query_timeout: queryTimeoutMs }
        await client.query(notification)
        release()
      } catch (error) {
        release(retiredBy(error))
      }
    })().catch(() => undefined)
    return {
      sent,
      cut: () => {
        cut = true
        release(new Error('the store closed before the notification was answered'))
      },
    }
  }

/**
 * Sends `pg_notify` after appends commit, outside the append's own transaction. A NOTIFY inside the
 * append would take Postgres's database-wide notification lock until commit, serialising every
 * writer's commit (and fsync) behind it. Out here, notifications overlap no commit, and bursts
 * collapse: an append `NOTIFY_INTERVAL_MS` or more after the last notification notifies at once;
 * any number of appends sooner than that cause one more notification, when the interval is up.
 * (Timing from the last send, not from its completion: a writer whose appends take longer than a
 * notification's round trip otherwise notified on every append.) A process that dies between commit
 * and notification leaves readers to find the events at their next poll.
 *
 * @example
 * const notifier = createAppendNotifier(notifyOnPool(pool, 60_000), 'public', senderId)
 * notifier.notify() // after each successful append
 */
export const createAppendNotifier = (send: SendNotification, schema: string, senderId: string, intervalMs = NOTIFY_INTERVAL_MS): AppendNotifier => {
  const channel = `${NOTIFY_CHANNEL_PREFIX}${schema}`
  const inFlight = new Set<SendingNotification>()
  let scheduled: ReturnType<typeof setTimeout> | undefined
  let lastSentAt = -Infinity
  let closing = false
  const sendNow = () => {
    scheduled = undefined
    lastSentAt = Date.now()
    const sending = send(channel, senderId)
    inFlight.add(sending)
    void sending.sent.then(() => inFlight.delete(sending))
  }
  return {
    notify: () => {
      if (closing || scheduled) return
      const sinceLast = Date.now() - lastSentAt
      if (sinceLast >= intervalMs) sendNow()
      else scheduled = setTimeout(sendNow, intervalMs - sinceLast)
    },
    settle: async (waitMs = SETTLE_WAIT_MS) => {
      closing = true
      if (scheduled) {
        clearTimeout(scheduled)
        sendNow()
      }
      if (inFlight.size === 0) return
      await settledWithin(Promise.all([...inFlight].map((sending) => sending.sent)), waitMs)
      for (const sending of inFlight) sending.cut()
    },
  }
}
