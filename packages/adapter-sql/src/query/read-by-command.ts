import { sql, type Kysely } from 'kysely'
import type { RecordedEvent } from '@incident-kit/core'
import type { SqlDialectName } from '../schema/migrations.js'
import { TABLE, type StoreDatabase } from '../schema/tables.js'
import { param, precompile } from './precompile.js'
import type { QueryRunner } from './query-runner.js'
import { rowToEvent, type SelectedEventRow } from './row-to-event.js'
import { selectEvents } from './select-event-columns.js'

/** Above every version (an integer column), so a command at a stream's end needs no next one. */
const BEYOND_LAST_VERSION = 2 ** 31

/*
 * Postgres indexes a command by its first event only (migration 0004). A command's events are
 * contiguous versions of one stream, so the others are the versions after the first up to the next
 * event of another command: index range scans as long as the batch, never the rest of the stream.
 * SQLite indexes (command_id, command_seq) and finds them directly.
 */
const commandEvents = (db: Kysely<StoreDatabase>, dialect: SqlDialectName) => {
  const select = selectEvents(db, dialect).where('command_id', '=', param('commandId'))
  if (dialect === 'sqlite') return select
  const first = sql`(SELECT stream_id, version FROM ${sql.table(TABLE.events)} WHERE command_id = ${param('commandId')} AND command_seq = 0)`
  const stream = sql<string>`(SELECT stream_id FROM ${first} AS f)`
  const firstVersion = sql<number>`(SELECT version FROM ${first} AS f)`
  // One table and plain bounds, so that Postgres reads min() as the first matching row in index order.
  const nextCommand = sql<number>`(SELECT coalesce(min(version), ${sql.lit(BEYOND_LAST_VERSION)}) FROM ${sql.table(TABLE.events)}
    WHERE stream_id = ${stream} AND version > ${firstVersion} AND command_id <> ${param('commandId')})`
  return select.where('stream_id', '=', stream).where('version', '>=', firstVersion).where('version', '<', nextCommand)
}

/**
 * The query behind `readByCommandId`: the events one command produced, in the order it produced them.
 *
 * @example
 * const rows = await runner.all(readByCommandQuery(db, 'sqlite'), { commandId })
 */
export const readByCommandQuery = (db: Kysely<StoreDatabase>, dialect: SqlDialectName) =>
  precompile<'commandId'>(commandEvents(db, dialect).orderBy('version'))

/** The events of a command as a subquery (Postgres's append looks them up after a lost race), with their `command_seq`. */
export const commandEventsWithSeq = (db: Kysely<StoreDatabase>) => commandEvents(db, 'postgres').select('command_seq')

/**
 * `readByCommandId` for either dialect.
 *
 * @example
 * const readByCommandId = createReadByCommand(db, 'postgres', runner)
 * (await readByCommandId('cmd-1')).length // 0 when the command was never recorded
 */
export const createReadByCommand = (db: Kysely<StoreDatabase>, dialect: SqlDialectName, runner: QueryRunner) => {
  const query = readByCommandQuery(db, dialect)
  return async (commandId: string): Promise<RecordedEvent[]> =>
    (await runner.arrays<SelectedEventRow>(query, { commandId })).map(rowToEvent)
}
