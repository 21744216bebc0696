import { sql, type Kysely } from 'kysely'
import type { LogPosition, ReadAllResult } from '@incident-kit/core'
import { parsePostgresPosition } from '../query/position.js'
import { param, precompile } from '../query/precompile.js'
import type { QueryRunner } from '../query/query-runner.js'
import { EVENT_COLUMNS, rowToEvent, type SelectedEventRow } from '../query/row-to-event.js'
import { selectEvents } from '../query/select-event-columns.js'
import { TABLE, type StoreDatabase } from '../schema/tables.js'
import { createHeldBackWatch } from './held-back-watch.js'

export interface PostgresReadAllOptions {
  /**
   * How long a read waits for older transactions still running elsewhere in the cluster before it
   * returns without the committed rows they hold back; 1000 ms by default.
   */
  readonly visibilityWaitMs?: number
  /** Called when one open transaction has held rows back for `warnAfterMs` (see `createHeldBackWatch`). */
  readonly heldBack: { readonly warnAfterMs: number; readonly warn: (heldBackMs: number) => void }
}

const FIRST_BACKOFF_MS = 2
const MAX_BACKOFF_MS = 50

const afterCheckpoint = sql<boolean>`(transaction_id, position) > (${param('transactionId')}::xid8, ${param('position')}::bigint)`

/*
 * One round trip, ordered by the (transaction_id, position) index. Rows of transactions at or
 * above the horizon (`pg_snapshot_xmin`: older transactions still run) sort after every row below
 * it, so the visible rows of a page are a prefix of it, and a page that ends in held-back rows says
 * so itself: no second query to ask whether rows are held back, and no filter on a function for
 * the planner to misjudge (with one, an unanalysed table got a scan of the whole log per page).
 */
const pageQuery = (db: Kysely<StoreDatabase>) =>
  precompile<'transactionId' | 'position' | 'limit'>(
    selectEvents(db, 'postgres')
      .select(sql<boolean>`transaction_id < (SELECT pg_snapshot_xmin(pg_current_snapshot()))`.as('visible'))
      .where(afterCheckpoint)
      // Qualified: the select list casts `position` to text, and a bare name would sort that text.
      .orderBy(sql`${sql.ref(`${TABLE.events}.transaction_id`)}`)
      .orderBy(sql`${sql.ref(`${TABLE.events}.position`)}`)
      .limit(param<number>('limit')),
  )

/** A page row: the event's columns, then whether its transaction is below the horizon. */
type PageRow = [...SelectedEventRow, visible: boolean]
const TRANSACTION_ID = EVENT_COLUMNS.length
const VISIBLE = EVENT_COLUMNS.length + 1

/**
 * `readAll` on Postgres, gap-safe. Positions are handed out when a row is inserted but become
 * visible when its transaction commits, so a slow transaction can commit a lower position after a
 * higher one was read. Reading only rows of transactions older than every transaction still running
 * (`pg_snapshot_xmin`), in (transaction id, position) order, and checkpointing that pair, means no
 * row can appear later behind a checkpoint.
 *
 * The horizon is cluster-wide, so committed rows can be held back for as long as any older
 * transaction runs. A read that comes up short while such rows exist waits for them briefly, which
 * gives a writer's own next read its events (read-your-writes).
 *
 * @example
 * const readAll = createPostgresReadAll(db, runner, { heldBack: { warnAfterMs: 30_000, warn: (ms) => console.warn(`held back ${ms} ms`) } })
 * const { events, checkpoint } = await readAll(START, 500)
 */
export const createPostgresReadAll = (db: Kysely<StoreDatabase>, runner: QueryRunner, { visibilityWaitMs = 1_000, heldBack }: PostgresReadAllOptions) => {
  const query = pageQuery(db)
  const watch = createHeldBackWatch({ warnAfterMs: heldBack.warnAfterMs, now: Date.now })
  /** Each page read: warn when one transaction has held rows back long enough (see `createHeldBackWatch`). */
  const watchPage = (firstHeldBack: PageRow | undefined, pageFull: boolean) => {
    if (firstHeldBack) {
      const heldBackMs = watch.heldBack(firstHeldBack[TRANSACTION_ID]!)
      if (heldBackMs !== undefined) heldBack.warn(heldBackMs)
    } else if (!pageFull) {
      watch.caughtUp()
    }
  }
  return async (after: LogPosition, limit: number): Promise<ReadAllResult> => {
    const from = parsePostgresPosition(after)
    const deadline = Date.now() + visibilityWaitMs
    for (let backoff = FIRST_BACKOFF_MS; ; backoff = Math.min(backoff * 2, MAX_BACKOFF_MS)) {
      const rows = await runner.arrays<PageRow>(query, { ...from, limit })
      const visible = rows.findIndex((row) => !row[VISIBLE])
      watchPage(visible < 0 ? undefined : rows[visible], rows.length >= limit)
      if (visible < 0 || Date.now() >= deadline) {
        const events = rows.slice(0, visible < 0 ? rows.length : visible).map((row) => rowToEvent(row.slice(0, VISIBLE) as unknown as SelectedEventRow))
        return { events, checkpoint: events.at(-1)?.position ?? after }
      }
      await new Promise((resolve) => setTimeout(resolve, backoff))
    }
  }
}
