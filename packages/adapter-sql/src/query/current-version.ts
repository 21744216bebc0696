import { sql, type Kysely } from 'kysely'
import type { StoreDatabase } from '../schema/tables.js'
import { TABLE } from '../schema/tables.js'
import { param, precompile } from './precompile.js'

/**
 * `SELECT coalesce(max(version), 0) AS version` of one stream: 0 when the stream does not exist.
 *
 * @example
 * const [{ version }] = await runner.all(currentVersionQuery(db), { streamId })
 */
export const currentVersionQuery = (db: Kysely<StoreDatabase>) =>
  precompile<'streamId'>(
    db
      .selectFrom(TABLE.events)
      .select(sql<number>`coalesce(max(version), 0)`.as('version'))
      .where('stream_id', '=', param('streamId')),
  )

/** Row shape of `currentVersionQuery` (Postgres may hand the number back as a string). */
export interface CurrentVersionRow {
  readonly version: number | string
}
