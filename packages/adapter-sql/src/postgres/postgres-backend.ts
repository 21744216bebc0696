import { randomUUID } from 'node:crypto'
import { Kysely, PostgresDialect } from 'kysely'
import { kyselyRunner } from '../query/query-runner.js'
import { migrateStore } from '../schema/migrate.js'
import type { StoreBackend } from '../store-backend.js'
import { createWakeSignal } from '../subscriptions/wake-signal.js'
import { createAppendNotifier, notifyOnPool } from './append-notifier.js'
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
import type { StoreDatabase } from '../schema/tables.js'
import { DEFAULT_QUERY_TIMEOUT_MS, timedPool } from './query-timeout.js'
import { createTransactionSlots } from './transaction-slots.js'

export interface PostgresBackendOptions extends OpenPostgresOptions {
  /** How long the store waits for the answer to a statement (see `DEFAULT_QUERY_TIMEOUT_MS`); 0 waits forever. */
  readonly queryTimeoutMs?: number
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
  const { pool, db: openingDb, config, session, poolSize } = await openPostgres(options)
  const queryTimeoutMs = options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS
  const { schema } = session
  let renumbered = 0
  try {
    await migrateStore(openingDb, { dialect: 'postgres', schema })
    renumbered = await repairRestoredLog(openingDb)
  } catch (error) {
    await openingDb.destroy()
    // The schema is there but the role may not create (or use, or repair) the tables in it: name the privilege.
    const refused = [error, (error as { cause?: unknown }).cause].find(isPermissionDenied)
    throw refused === undefined ? error : cannotUseSchema(session, refused as Error)
  }
  // After the open's own try: the repair has committed, and the store made its handler safe to call.
  if (renumbered > 0) options.onWarning(restoredLogWarning(renumbered))
  // From here on every statement on the pool waits `queryTimeoutMs` at most (see `DEFAULT_QUERY_TIMEOUT_MS`).
  const db = new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool: timedPool(pool, queryTimeoutMs) }) })
  const runner = createPostgresRunner(pool, queryTimeoutMs)
  const wake = createWakeSignal(options.pollIntervalMs)
  const senderId = randomUUID()
  const appendNotifier = createAppendNotifier(notifyOnPool(pool, queryTimeoutMs), schema, senderId)
  /*
   * `poolSize - 1` transactions at once: one connection stays free for their reads through the store.
   * A transaction may wait twice the connect timeout in all: once for a slot, then once more in the
   * pool for a connection (the one left free may be busy with a read or an append). pg's pool takes
   * no timeout per call, so the second wait cannot be cut to what is left of the first.
   */
  const transactions = createTransactionSlots(poolSize - 1, config.connectionTimeoutMillis ?? 0)
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
    transact: (work) => transactions.run(() => db.transaction().execute((trx) => work(kyselyRunner(trx), trx))),
    tryLock: createAdvisoryLock(config, schema),
    waitForMore: (signal) => {
      listener ??= listenForAppends(config, schema, wake.notify, senderId, queryTimeoutMs)
      return wake.waitForMore(signal)
    },
    close: async () => {
      // Bounded: a notification is a hint, and one the server does not answer is cut after a moment.
      await appendNotifier.settle()
      await listener?.close()
      await db.destroy()
      await pool.end()
    },
  }
}
