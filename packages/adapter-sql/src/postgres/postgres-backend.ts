import { randomUUID } from 'node:crypto'
import { kyselyRunner } from '../query/query-runner.js'
import { migrateStore } from '../schema/migrate.js'
import type { StoreBackend } from '../store-backend.js'
import { createWakeSignal } from '../subscriptions/wake-signal.js'
import { createAppendNotifier } from './append-notifier.js'
import { createAdvisoryLock } from './advisory-lock.js'
import { listenForAppends, type AppendListener } from './append-listener.js'
import { createPostgresAppend } from './append-postgres.js'
import { openPostgres, type OpenPostgresOptions } from './open-postgres.js'
import { cannotUseSchema, isPermissionDenied } from './permission-denied.js'
import { createPostgresRunner } from './postgres-runner.js'
import { createPostgresReadAll } from './read-all-postgres.js'
import { heldBackWarning } from './held-back-warning.js'
import { repairRestoredLog, restoredLogWarning } from './restored-transaction-ids.js'
import type { StoreWarningHandler } from '../store-warning.js'

export interface PostgresBackendOptions extends OpenPostgresOptions {
  readonly pollIntervalMs: number
  /** How long readers may wait on rows held back by an open transaction before `onWarning` hears of it. */
  readonly heldBackWarningMs: number
  /** Called for every warning; the store passes a handler that never throws. */
  readonly onWarning: StoreWarningHandler
}

/**
 * The Postgres side of the store: a pool in the chosen schema, migrations under Kysely's advisory
 * lock, the one-statement append, gap-safe reads, LISTEN/NOTIFY with polling as the fallback.
 *
 * @example
 * const backend = await createPostgresBackend({ connectionString: 'postgres://127.0.0.1/test', pollIntervalMs: 1000 })
 */
export const createPostgresBackend = async (options: PostgresBackendOptions): Promise<StoreBackend> => {
  const { pool, db, config, session } = await openPostgres(options)
  const { schema } = session
  let renumbered = 0
  try {
    await migrateStore(db, { dialect: 'postgres', schema })
    renumbered = await repairRestoredLog(db)
  } catch (error) {
    await db.destroy()
    // The schema is there but the role may not create (or use, or repair) the tables in it: name the privilege.
    const refused = [error, (error as { cause?: unknown }).cause].find(isPermissionDenied)
    throw refused === undefined ? error : cannotUseSchema(session, refused as Error)
  }
  // After the open's own try: the repair has committed, and the store made its handler safe to call.
  if (renumbered > 0) options.onWarning(restoredLogWarning(renumbered))
  const runner = createPostgresRunner(pool)
  const wake = createWakeSignal(options.pollIntervalMs)
  const senderId = randomUUID()
  const appendNotifier = createAppendNotifier(pool, schema, senderId)
  let listener: AppendListener | undefined
  return {
    dialect: 'postgres',
    db,
    runner,
    append: createPostgresAppend(db, runner),
    appended: () => {
      wake.notify()
      appendNotifier.notify()
    },
    readAll: createPostgresReadAll(db, runner, {
      heldBack: {
        warnAfterMs: options.heldBackWarningMs,
        // A handler that throws must not become an unhandled rejection that ends the process.
        warn: (heldBackMs) => void heldBackWarning(db, heldBackMs).then(options.onWarning).catch(() => undefined),
      },
    }),
    transact: (work) => db.transaction().execute((trx) => work(kyselyRunner(trx), trx)),
    tryLock: createAdvisoryLock(config, schema),
    waitForMore: (signal) => {
      listener ??= listenForAppends(config, schema, wake.notify, senderId)
      return wake.waitForMore(signal)
    },
    close: async () => {
      await appendNotifier.settle()
      await listener?.close()
      await db.destroy()
    },
  }
}
