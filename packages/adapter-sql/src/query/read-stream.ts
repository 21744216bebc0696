import type { Kysely } from 'kysely'
import type { ReadStreamOptions, RecordedEvent } from '@incident-kit/core'
import type { SqlDialectName } from '../schema/migrations.js'
import type { StoreDatabase } from '../schema/tables.js'
import { param, precompile } from './precompile.js'
import type { QueryRunner } from './query-runner.js'
import { rowToEvent, type SelectedEventRow } from './row-to-event.js'
import { selectEvents } from './select-event-columns.js'

/* Postgres's `version` is an `integer`: a bound above this would fail the query instead of matching no row. */
const LAST_VERSION = 2 ** 31 - 1

/**
 * `readStream` for either dialect: the events of one stream between two versions, in version order.
 *
 * @example
 * const readStream = createReadStream(db, 'sqlite', runner)
 * await readStream('incident-1', { fromVersion: 2 })
 */
export const createReadStream = (db: Kysely<StoreDatabase>, dialect: SqlDialectName, runner: QueryRunner) => {
  const query = precompile<'streamId' | 'fromVersion' | 'toVersion'>(
    selectEvents(db, dialect)
      .where('stream_id', '=', param('streamId'))
      .where('version', '>=', param<number>('fromVersion'))
      .where('version', '<=', param<number>('toVersion'))
      .orderBy('version'),
  )
  return async (streamId: string, { fromVersion = 1, toVersion = LAST_VERSION }: ReadStreamOptions = {}): Promise<RecordedEvent[]> =>
    fromVersion > LAST_VERSION ? [] : (await runner.arrays<SelectedEventRow>(query, { streamId, fromVersion, toVersion: Math.min(toVersion, LAST_VERSION) })).map(rowToEvent)
}
