import type { Kysely } from 'kysely'
import type { RecordedEvent } from '@incident-kit/core'
import type { SqlDialectName } from '../schema/migrations.js'
import type { StoreDatabase } from '../schema/tables.js'
import { param, precompile } from './precompile.js'
import type { QueryRunner } from './query-runner.js'
import { rowToEvent, type SelectedEventRow } from './row-to-event.js'
import { selectEvents } from './select-event-columns.js'

/**
 * The query behind `readByCommandId`: the events one command produced, in the order it produced them.
 *
 * @example
 * const rows = await runner.all(readByCommandQuery(db, 'sqlite'), { commandId })
 */
export const readByCommandQuery = (db: Kysely<StoreDatabase>, dialect: SqlDialectName) =>
  precompile<'commandId'>(selectEvents(db, dialect).where('command_id', '=', param('commandId')).orderBy('command_seq'))

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
