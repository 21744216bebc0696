import type pg from 'pg'
import { NOTIFY_CHANNEL_PREFIX } from '../schema/tables.js'

/**
 * The least time between two notifications of one process during a burst of appends: other
 * processes' readers then wake at most this late, while every notification costs the appending
 * process (one writer, against the bare append statement: about 20% slower at 10 ms, 12% at
 * 50 ms, nothing measurable at 1 s). Humans do not notice a tenth of a second in a chat.
 */
const NOTIFY_INTERVAL_MS = 100

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
 * collapse: the first append of a quiet spell notifies at once, and while one notification is in
 * flight or was sent less than `NOTIFY_INTERVAL_MS` ago, any number of further appends cause just
 * one more (bench:store: one notification per append cost a fifth of the appends of 8 writers).
 * A process that dies between commit and notification leaves readers to find the events at their
 * next poll.
 *
 * @example
 * const notifier = createAppendNotifier(pool, 'public', senderId)
 * notifier.notify() // after each successful append
 */
export const createAppendNotifier = (pool: pg.Pool, schema: string, senderId: string): AppendNotifier => {
  const channel = `${NOTIFY_CHANNEL_PREFIX}${schema}`
  let inFlight: Promise<void> | undefined
  let scheduled: ReturnType<typeof setTimeout> | undefined
  let pending = false
  const send = () => {
    scheduled = undefined
    pending = false
    inFlight = pool
      .query(NOTIFY_WITHOUT_FLUSH, [channel, senderId])
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        inFlight = undefined
        if (pending) scheduled = setTimeout(send, NOTIFY_INTERVAL_MS)
      })
  }
  return {
    notify: () => {
      if (inFlight || scheduled) pending = true
      else send()
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
