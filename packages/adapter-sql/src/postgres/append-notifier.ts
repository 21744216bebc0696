import type pg from 'pg'
import { NOTIFY_CHANNEL_PREFIX } from '../schema/tables.js'

export interface AppendNotifier {
  /** Tells other processes' listeners that events were appended (after the commit). */
  notify(): void
  /** Resolves once no notification is in flight (before the pool closes). */
  settle(): Promise<void>
}

/**
 * Sends `pg_notify` after appends commit, outside the append's own transaction. A NOTIFY inside the
 * append would take Postgres's database-wide notification lock until commit, serialising every
 * writer's commit (and fsync) behind it. Out here, notifications overlap no commit, and bursts
 * collapse: while one is in flight, any number of further appends cause just one more. A process
 * that dies between commit and notification leaves readers to find the events at their next poll.
 *
 * @example
 * const notifier = createAppendNotifier(pool, 'public', senderId)
 * notifier.notify() // after each successful append
 */
export const createAppendNotifier = (pool: pg.Pool, schema: string, senderId: string): AppendNotifier => {
  const channel = `${NOTIFY_CHANNEL_PREFIX}${schema}`
  let inFlight: Promise<void> | undefined
  let pending = false
  const send = () => {
    pending = false
    inFlight = pool
      .query('SELECT pg_notify($1, $2)', [channel, senderId])
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        inFlight = undefined
        if (pending) send()
      })
  }
  return {
    notify: () => {
      if (inFlight) pending = true
      else send()
    },
    settle: async () => {
      while (inFlight) await inFlight
    },
  }
}
