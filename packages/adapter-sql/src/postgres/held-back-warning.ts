import { sql, type Kysely } from 'kysely'
import type { BlockingTransaction, EventsHeldBackWarning } from '../store-warning.js'
import type { StoreDatabase } from '../schema/tables.js'

/*
 * The horizon readers wait on is the oldest transaction id still running (`pg_snapshot_xmin`), a
 * 64-bit `xid8`; `pg_stat_activity` shows 32-bit `xid`s, its low half. Columns of other users'
 * sessions read as null without `pg_read_all_stats`, so the row may say little beyond the id.
 */
const blockerQuery = sql<{ xid: string; pid: number | null; user: string | null; application: string | null; state: string | null; started_at: string | null }>`
  WITH horizon AS (SELECT (pg_snapshot_xmin(pg_current_snapshot())::text::numeric % 4294967296)::text AS xid)
  SELECT horizon.xid, activity.pid, activity.usename AS user, activity.application_name AS application, activity.state,
    to_char(activity.xact_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS started_at
  FROM horizon LEFT JOIN pg_stat_activity AS activity ON activity.backend_xid::text = horizon.xid
  LIMIT 1`

const lookUpBlocker = async (db: Kysely<StoreDatabase>): Promise<BlockingTransaction | undefined> => {
  try {
    const row = (await blockerQuery.execute(db)).rows[0]
    return row && { xid: row.xid, pid: row.pid, user: row.user, application: row.application, state: row.state, startedAt: row.started_at }
  } catch {
    // The warning matters more than its details: the database may be what is failing.
    return undefined
  }
}

const describeBlocker = (blocker: BlockingTransaction | undefined) => {
  if (blocker === undefined) return 'a transaction that is still open'
  const session = [
    blocker.pid === null ? undefined : `pid ${blocker.pid}`,
    blocker.user === null ? undefined : `user ${blocker.user}`,
    blocker.application ? `application ${JSON.stringify(blocker.application)}` : undefined,
    blocker.state === null ? undefined : `${blocker.state}${blocker.startedAt === null ? '' : ` since ${blocker.startedAt}`}`,
  ].filter((part) => part !== undefined)
  return `transaction ${blocker.xid}, still open${session.length > 0 ? ` (${session.join(', ')})` : ` (find it in pg_stat_activity by backend_xid = '${blocker.xid}')`}`
}

/**
 * The `EVENTS_HELD_BACK` warning, with the blocking transaction's session looked up.
 *
 * @example
 * onWarning(await heldBackWarning(db, 31_000))
 */
export const heldBackWarning = async (db: Kysely<StoreDatabase>, heldBackMs: number): Promise<EventsHeldBackWarning> => {
  const blocker = await lookUpBlocker(db)
  return {
    code: 'EVENTS_HELD_BACK',
    heldBackMs,
    blocker,
    message:
      `readers of the event log have waited ${(heldBackMs / 1000).toFixed(heldBackMs < 10_000 ? 1 : 0)} s for ${describeBlocker(blocker)}: ` +
      'events committed after it began reach readAll and subscriptions once it commits or rolls back',
  }
}
