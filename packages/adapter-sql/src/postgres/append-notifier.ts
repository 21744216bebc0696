import type pg from 'pg'
import { NOTIFY_CHANNEL_PREFIX } from '../schema/tables.js'

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

export interface AppendNotifier {
  /** Tells other processes' listeners that events were appended (after the commit). */
  notify(): void
  /** Sends what is still scheduled and resolves once nothing is in flight (before the pool closes). */
  settle(): Promise<void>
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
 * const notifier = createAppendNotifier(pool, 'public', senderId)
 * notifier.notify() // after each successful append
 */
export const createAppendNotifier = (pool: Pick<pg.Pool, 'query'>, schema: string, senderId: string, intervalMs = NOTIFY_INTERVAL_MS): AppendNotifier => {
  const channel = `${NOTIFY_CHANNEL_PREFIX}${schema}`
  let inFlight: Promise<void> | undefined
  let scheduled: ReturnType<typeof setTimeout> | undefined
  let lastSentAt = -Infinity
  const send = () => {
    scheduled = undefined
    lastSentAt = Date.now()
    const sending: Promise<void> = pool
      .query(NOTIFY_WITHOUT_FLUSH, [channel, senderId])
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        if (inFlight === sending) inFlight = undefined
      })
    inFlight = sending
  }
  return {
    notify: () => {
      if (scheduled) return
      const sinceLast = Date.now() - lastSentAt
      if (sinceLast >= intervalMs) send()
      else scheduled = setTimeout(send, intervalMs - sinceLast)
    },
    settle: async () => {
      while (inFlight || scheduled) {
        if (scheduled) {
          clearTimeout(scheduled)
          send()
        }
        await inFlight
      }
    },
  }
}
