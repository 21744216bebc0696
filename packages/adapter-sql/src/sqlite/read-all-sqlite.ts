import type { Kysely } from 'kysely'
import type { LogPosition, ReadAllResult } from '@incident-kit/core'
import { parseSqlitePosition } from '../query/position.js'
import { param, precompile } from '../query/precompile.js'
import { rowToEvent, type SelectedEventRow } from '../query/row-to-event.js'
import { selectEvents } from '../query/select-event-columns.js'
import type { StoreDatabase } from '../schema/tables.js'
import type { SqliteRunner } from './sqlite-runner.js'

/**
 * `readAll` on SQLite. Writers hold the file's write lock from their first insert to their commit
 * (`BEGIN IMMEDIATE`), so positions become visible in order and reading after the last position
 * seen never skips a row.
 *
 * @example
 * const readAll = createSqliteReadAll(db, runner)
 * const { events, checkpoint } = await readAll(START, 500)
 */
export const createSqliteReadAll = (db: Kysely<StoreDatabase>, runner: SqliteRunner) => {
  const query = precompile<'after' | 'limit'>(
    selectEvents(db, 'sqlite').where('position', '>', param<number>('after')).orderBy('position').limit(param<number>('limit')),
  )
  return async (after: LogPosition, limit: number): Promise<ReadAllResult> => {
    const rows = runner.arraysSync<SelectedEventRow>(query, { after: parseSqlitePosition(after), limit })
    const events = rows.map(rowToEvent)
    return { events, checkpoint: events.at(-1)?.position ?? after }
  }
}
