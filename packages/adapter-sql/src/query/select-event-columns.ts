import { sql, type Kysely, type SelectQueryBuilder } from 'kysely'
import type { SqlDialectName } from '../schema/migrations.js'
import { TABLE, type StoreDatabase } from '../schema/tables.js'
import { EVENT_COLUMNS, type SelectedEventRow } from './row-to-event.js'

type EventsSelect = SelectQueryBuilder<StoreDatabase, typeof TABLE.events, SelectedEventRow>

/*
 * Postgres hands back bigint and xid8 as strings and jsonb already parsed; casting all three to text
 * makes both dialects produce the same row, so one `rowToEvent` reads both (and a jsonb string value
 * is not mistaken for JSON text).
 */
const postgresColumns = EVENT_COLUMNS.map((column) =>
  column === 'position' || column === 'data' ? sql<string>`${sql.ref(column)}::text`.as(column) : column,
)

/**
 * `SELECT <event columns> FROM ik_events` for the dialect, ready for a `where` and an `orderBy`.
 *
 * @example
 * selectEvents(db, 'sqlite').where('stream_id', '=', param('streamId')).orderBy('version')
 */
export const selectEvents = (db: Kysely<StoreDatabase>, dialect: SqlDialectName): EventsSelect => {
  const from = db.selectFrom(TABLE.events)
  if (dialect === 'sqlite') return from.select(EVENT_COLUMNS) as unknown as EventsSelect
  return from.select([...postgresColumns, sql<string>`transaction_id::text`.as('transaction_id')]) as unknown as EventsSelect
}
