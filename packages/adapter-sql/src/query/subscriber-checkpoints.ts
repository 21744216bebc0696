import type { Kysely } from 'kysely'
import type { CheckpointStore, LogPosition } from '@incident-kit/core'
import { TABLE, type StoreDatabase } from '../schema/tables.js'
import { param, precompile } from './precompile.js'
import type { QueryRunner } from './query-runner.js'

/** The checkpoint store of a SQL store: the core's port, and a listing of every saved checkpoint. */
export interface SubscriberCheckpointStore extends CheckpointStore {
  /** Every saved checkpoint by subscriber name, in name order (`incident-kit copy` carries them over). */
  list(): Promise<ReadonlyMap<string, LogPosition>>
}

/**
 * The queries of the checkpoint store, compiled once per store.
 *
 * @example
 * const queries = subscriberCheckpointQueries(db)
 */
export const subscriberCheckpointQueries = (db: Kysely<StoreDatabase>) => ({
  load: precompile<'subscriber'>(
    db.selectFrom(TABLE.subscriberCheckpoints).select('checkpoint').where('subscriber', '=', param('subscriber')),
  ),
  list: precompile<never>(db.selectFrom(TABLE.subscriberCheckpoints).select(['subscriber', 'checkpoint']).orderBy('subscriber')),
  save: precompile<'subscriber' | 'checkpoint' | 'updatedAt'>(
    db
      .insertInto(TABLE.subscriberCheckpoints)
      .values({ subscriber: param('subscriber'), checkpoint: param('checkpoint'), updated_at: param('updatedAt') })
      .onConflict((oc) =>
        oc.column('subscriber').doUpdateSet((eb) => ({ checkpoint: eb.ref('excluded.checkpoint'), updated_at: eb.ref('excluded.updated_at') })),
      ),
  ),
})

export type SubscriberCheckpointQueries = ReturnType<typeof subscriberCheckpointQueries>

/**
 * Saves a checkpoint through any runner: the store's, or a transaction's for exactly-once delivery.
 *
 * @example
 * await saveSubscriberCheckpoint(kyselyRunner(trx), queries, 'side-panel', checkpoint)
 */
export const saveSubscriberCheckpoint = async (
  runner: QueryRunner,
  queries: SubscriberCheckpointQueries,
  subscriber: string,
  checkpoint: LogPosition,
): Promise<void> => {
  await runner.run(queries.save, { subscriber, checkpoint, updatedAt: new Date().toISOString() })
}

/**
 * The `CheckpointStore` port on the store's tables, with `list`.
 *
 * @example
 * const checkpoints = createCheckpointStore(runner, subscriberCheckpointQueries(db))
 * await checkpoints.save('notifier', checkpoint)
 */
export const createCheckpointStore = (runner: QueryRunner, queries: SubscriberCheckpointQueries): SubscriberCheckpointStore => ({
  load: async (subscriber) => (await runner.all<{ checkpoint: string }>(queries.load, { subscriber }))[0]?.checkpoint,
  save: (subscriber, checkpoint) => saveSubscriberCheckpoint(runner, queries, subscriber, checkpoint),
  list: async () => {
    const rows = await runner.all<{ subscriber: string; checkpoint: string }>(queries.list, {})
    return new Map(rows.map((row) => [row.subscriber, row.checkpoint]))
  },
})
