import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import { param, precompile } from '../query/precompile.js'
import { TABLE, type StoreDatabase } from '../schema/tables.js'
import type { SqliteRunner } from './sqlite-runner.js'
import type { WriteGate } from './write-gate.js'

interface LeaseLockOptions {
  /** How long a lease lasts without a heartbeat; 30 s by default. */
  readonly leaseMs?: number
}

interface HeldLock {
  release(): Promise<void>
}

const DEFAULT_LEASE_MS = 30_000
const HEARTBEATS_PER_LEASE = 3

/**
 * SQLite's cross-process lock: a row in `ik_locks` with an owner and an expiry, renewed by a
 * heartbeat. A process that dies stops renewing, and the lease passes on once it expires.
 *
 * @example
 * const tryLock = createLeaseLock(db, runner, gate)
 * const lock = await tryLock('notifier') // undefined when another process holds it
 * await lock?.release()
 */
export const createLeaseLock = (db: Kysely<StoreDatabase>, runner: SqliteRunner, gate: WriteGate, { leaseMs = DEFAULT_LEASE_MS }: LeaseLockOptions = {}) => {
  const acquire = precompile<'name' | 'owner' | 'expiresAt' | 'now'>(
    db
      .insertInto(TABLE.locks)
      .values({ name: param('name'), owner: param('owner'), expires_at: param<number>('expiresAt') })
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet((eb) => ({ owner: eb.ref('excluded.owner'), expires_at: eb.ref('excluded.expires_at') }))
          .where(sql<boolean>`${sql.ref(`${TABLE.locks}.expires_at`)} < ${param<number>('now')}`),
      ),
  )
  const renew = precompile<'name' | 'owner' | 'expiresAt'>(
    db.updateTable(TABLE.locks).set({ expires_at: param<number>('expiresAt') }).where('name', '=', param('name')).where('owner', '=', param('owner')),
  )
  const remove = precompile<'name' | 'owner'>(db.deleteFrom(TABLE.locks).where('name', '=', param('name')).where('owner', '=', param('owner')))

  const tryLock = async (name: string): Promise<HeldLock | undefined> => {
    const owner = randomUUID()
    const now = Date.now()
    const taken = await gate.run(() => runner.runSync(acquire, { name, owner, expiresAt: now + leaseMs, now }))
    if (taken === 0) return undefined
    const heartbeat = setInterval(() => {
      void gate.run(() => runner.runSync(renew, { name, owner, expiresAt: Date.now() + leaseMs })).catch(() => undefined)
    }, Math.max(1, Math.floor(leaseMs / HEARTBEATS_PER_LEASE)))
    heartbeat.unref()
    return {
      release: async () => {
        clearInterval(heartbeat)
        await gate.run(() => runner.runSync(remove, { name, owner }))
      },
    }
  }
  return tryLock
}
