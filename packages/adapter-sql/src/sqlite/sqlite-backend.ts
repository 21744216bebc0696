import { migrateStore } from '../schema/migrate.js'
import type { StoreBackend } from '../store-backend.js'
import { createWakeSignal } from '../subscriptions/wake-signal.js'
import { createSqliteAppend } from './append-sqlite.js'
import { createLeaseLock } from './lease-lock.js'
import { openSqlite, type OpenSqliteOptions } from './open-sqlite.js'
import { createSqliteReadAll } from './read-all-sqlite.js'
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
  const { sqlite, db, reader } = await openSqlite(options)
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
  const runner = createSqliteRunner(sqlite)
  const readRunner = reader === sqlite ? runner : createSqliteRunner(reader)
  const gate = createWriteGate()
  const wake = createWakeSignal(options.pollIntervalMs)
  const { begin, commit, rollback } = runner.transactionStatements
  const tryLock = createLeaseLock(db, runner, gate, options.lockLeaseMs === undefined ? {} : { leaseMs: options.lockLeaseMs })
  return {
    dialect: 'sqlite',
    db,
    // Reads see only what is committed. Checkpoint and projection state saves wait for an open
    // transaction like appends do: run on the shared connection in the middle of it, they would be
    // rolled back with it after being acknowledged.
    runner: { ...readRunner, run: (query, values) => gate.run(() => runner.runSync(query, values)) },
    append: createSqliteAppend(db, runner, gate),
    appended: wake.notify,
    readAll: createSqliteReadAll(db, readRunner),
    // `work` gets the ungated runner: its writes belong to the transaction that holds the gate.
    transact: (work) =>
      gate.run(async () => {
        begin.run()
        try {
          const result = await work(runner, db)
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
