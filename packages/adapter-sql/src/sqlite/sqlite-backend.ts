import { migrateStore } from '../schema/migrate.js'
import type { StoreBackend } from '../store-backend.js'
import { createWakeSignal } from '../subscriptions/wake-signal.js'
import { createSqliteAppend } from './append-sqlite.js'
import { createLeaseLock } from './lease-lock.js'
import { openSqlite, type OpenSqliteOptions } from './open-sqlite.js'
import { createSqliteReadAll } from './read-all-sqlite.js'
import { createBusyWait } from './sqlite-busy.js'
import { createSqliteRunner } from './sqlite-runner.js'
import { createWriteGate } from './write-gate.js'

export interface SqliteBackendOptions extends OpenSqliteOptions {
  readonly pollIntervalMs: number
  readonly lockLeaseMs?: number
}

/**
 * The SQLite side of the store: one writing connection per process and one for reads, WAL,
 * migrations, the synchronous append, polling for other processes' appends.
 *
 * @example
 * const backend = await createSqliteBackend({ filename: ':memory:', pollIntervalMs: 250 })
 */
export const createSqliteBackend = async (options: SqliteBackendOptions): Promise<StoreBackend> => {
  const { sqlite, db, reader, busyTimeoutMs } = await openSqlite(options)
  const closeReader = () => {
    if (reader !== sqlite) reader.close()
  }
  try {
    await migrateStore(db, { dialect: 'sqlite' })
  } catch (error) {
    closeReader()
    await db.destroy()
    throw error
  }
  /*
   * From here on the writing connection waits for another connection's write lock only briefly
   * inside SQLite (where the whole event loop waits), and then with timers (`createBusyWait`).
   * The migrations above kept the full busy timeout: they run once, before the store is handed out.
   * A file's separate reading connection keeps it: in WAL mode reads take no lock that a writer
   * holds. A database in memory reads on the writing connection itself, and no other connection
   * can take its locks.
   */
  const busy = createBusyWait(busyTimeoutMs)
  sqlite.pragma(`busy_timeout = ${busy.handlerMs}`)
  const runner = createSqliteRunner(sqlite)
  const readRunner = reader === sqlite ? runner : createSqliteRunner(reader)
  const gate = createWriteGate()
  // One statement of its own (it commits alone), in its turn, waiting for the file's write lock.
  const write = <T>(statement: () => T) => gate.run(() => busy.run(statement))
  const wake = createWakeSignal(options.pollIntervalMs)
  const { begin, commit, rollback } = runner.transactionStatements
  const tryLock = createLeaseLock(db, runner, write, options.lockLeaseMs === undefined ? {} : { leaseMs: options.lockLeaseMs })
  return {
    dialect: 'sqlite',
    db,
    // Reads see only what is committed. Checkpoint and projection state saves wait for an open
    // transaction like appends do: run on the shared connection in the middle of it, they would be
    // rolled back with it after being acknowledged.
    runner: { ...readRunner, run: (query, values) => write(() => runner.runSync(query, values)) },
    append: createSqliteAppend(db, runner, gate, busy),
    appended: wake.notify,
    readAll: createSqliteReadAll(db, readRunner),
    // `work` gets the ungated runner: its writes belong to the transaction that holds the gate.
    // The gate is held while `BEGIN IMMEDIATE` waits for another connection's write lock: this
    // store's other writes would only meet the same lock.
    transact: (work) =>
      gate.run(async () => {
        await busy.run(() => begin.run())
        try {
          const result = await work(runner, db)
          // In WAL mode the lock taken by BEGIN IMMEDIATE is all a COMMIT needs. Should it answer
          // SQLITE_BUSY all the same, the transaction is still open: it is rolled back and the error
          // thrown (`work` cannot run again), an outage that exactly-once subscriptions restart from.
          commit.run()
          return result
        } catch (error) {
          if (sqlite.inTransaction) rollback.run()
          throw error
        }
      }),
    tryLock,
    waitForMore: wake.waitForMore,
    close: async () => {
      await gate.run(async () => {
        closeReader()
        await db.destroy()
      })
    },
  }
}
