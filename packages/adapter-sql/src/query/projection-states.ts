import type { Kysely } from 'kysely'
import type { ProjectionSnapshot, ProjectionStateStore } from '@incident-kit/core'
import { TABLE, type ProjectionStateRow, type StoreDatabase } from '../schema/tables.js'
import { param, precompile } from './precompile.js'
import type { QueryRunner } from './query-runner.js'

/**
 * The two queries of the projection state store, compiled once per store.
 *
 * @example
 * const queries = projectionStateQueries(db)
 */
export const projectionStateQueries = (db: Kysely<StoreDatabase>) => ({
  load: precompile<'name'>(
    db.selectFrom(TABLE.projectionStates).select(['name', 'version', 'checkpoint', 'state']).where('name', '=', param('name')),
  ),
  save: precompile<'name' | 'version' | 'checkpoint' | 'state' | 'updatedAt'>(
    db
      .insertInto(TABLE.projectionStates)
      .values({
        name: param('name'),
        version: param<number>('version'),
        checkpoint: param('checkpoint'),
        state: param('state'),
        updated_at: param('updatedAt'),
      })
      .onConflict((oc) =>
        oc.column('name').doUpdateSet((eb) => ({
          version: eb.ref('excluded.version'),
          checkpoint: eb.ref('excluded.checkpoint'),
          state: eb.ref('excluded.state'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      ),
  ),
})

export type ProjectionStateQueries = ReturnType<typeof projectionStateQueries>

/**
 * Saves state and checkpoint in one row write, through any runner (a transaction's included).
 *
 * @example
 * await saveProjectionSnapshot(kyselyRunner(trx), queries, { name: 'timeline', version: 1, checkpoint, state })
 */
export const saveProjectionSnapshot = async (runner: QueryRunner, queries: ProjectionStateQueries, snapshot: ProjectionSnapshot): Promise<void> => {
  const { name, version, checkpoint, state } = snapshot
  await runner.run(queries.save, { name, version, checkpoint, state: JSON.stringify(state), updatedAt: new Date().toISOString() })
}

/**
 * The `ProjectionStateStore` port: a projection's state (as JSON) and the checkpoint it reflects,
 * written together so that a restart resumes exactly where the last save left off.
 *
 * @example
 * const states = createProjectionStateStore(runner, projectionStateQueries(db))
 * await states.save({ name: 'side-panel', version: 1, checkpoint, state })
 */
export const createProjectionStateStore = (runner: QueryRunner, queries: ProjectionStateQueries): ProjectionStateStore => ({
  load: async <S>(name: string) => {
    const row = (await runner.all<Pick<ProjectionStateRow, 'name' | 'version' | 'checkpoint' | 'state'>>(queries.load, { name }))[0]
    if (row === undefined) return undefined
    return { name: row.name, version: Number(row.version), checkpoint: row.checkpoint, state: JSON.parse(row.state) as S }
  },
  save: (snapshot) => saveProjectionSnapshot(runner, queries, snapshot),
})
