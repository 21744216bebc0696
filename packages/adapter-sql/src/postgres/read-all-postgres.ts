import { sql, type Kysely } from 'kysely'
import type { LogPosition, ReadAllResult } from '@incident-kit/core'
import { parsePostgresPosition } from '../query/position.js'
import { param, precompile } from '../query/precompile.js'
import type { QueryRunner } from '../query/query-runner.js'
import { rowToEvent, type SelectedEventRow } from '../query/row-to-event.js'
import { selectEvents } from '../query/select-event-columns.js'
import type { StoreDatabase } from '../schema/tables.js'

/**
 * `readAll` on Postgres, gap-safe. Positions are handed out when a row is inserted but become
 * visible when its transaction commits, so a slow transaction can commit a lower position after a
 * higher one was read. Reading only rows of transactions older than every transaction still running
 * (`pg_snapshot_xmin`), in (transaction id, position) order, and checkpointing that pair, means no
 * row can appear later behind a checkpoint.
 *
 * @example
 * const readAll = createPostgresReadAll(db, runner)
 * const { events, checkpoint } = await readAll(START, 500)
 */
export const createPostgresReadAll = (db: Kysely<StoreDatabase>, runner: QueryRunner) => {
  const query = precompile<'transactionId' | 'position' | 'limit'>(
    selectEvents(db, 'postgres')
      .where(sql<boolean>`transaction_id < pg_snapshot_xmin(pg_current_snapshot())`)
      .where(sql<boolean>`(transaction_id, position) > (${param('transactionId')}::xid8, ${param('position')}::bigint)`)
      .orderBy(sql`transaction_id`)
      .orderBy('position')
      .limit(param<number>('limit')),
  )
  return async (after: LogPosition, limit: number): Promise<ReadAllResult> => {
    const rows = await runner.all<SelectedEventRow>(query, { ...parsePostgresPosition(after), limit })
    const events = rows.map(rowToEvent)
    return { events, checkpoint: events.at(-1)?.position ?? after }
  }
}
