import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import { param, precompile } from '../query/precompile.js'
import { holdLock, type HeldLock } from '../held-lock.js'
import { TABLE, type StoreDatabase } from '../schema/tables.js'
import type { SqliteRunner } from './sqlite-runner.js'

/** Runs one write statement in the process's turn for the writing connection, waiting while the file is locked. */
type Write = <T>(statement: () => T) => Promise<T>

interface LeaseLockOptions {
  /** How long a lease lasts without a heartbeat; 30 s by default. */
  readonly leaseMs?: number
}

const DEFAULT_LEASE_MS = 30_000
const HEARTBEATS_PER_LEASE = 3

/**
 * SQLite's cross-process lock: a row in `ik_locks` with an owner and an expiry, renewed by a
 * heartbeat. A process that dies stops renewing, and the lease passes on once it expires. A holder
 * whose heartbeat finds the lease taken (it was late: an event loop blocked for longer than the
 * lease), or cannot renew it before it expires, has `lost` it.
 *
 * @example
 * const tryLock = createLeaseLock(db, runner, write)
 * const lock = await tryLock('notifier') // undefined when another process holds it
 * await lock?.release()
 */
export const createLeaseLock = (db: Kysely<StoreDatabase>, runner: SqliteRunner, write: Write, { leaseMs = DEFAULT_LEASE_MS }: LeaseLockOptions = {}) => {
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
    const taken = await write(() => runner.runSync(acquire, { name, owner, expiresAt: now + leaseMs, now }))
    if (taken === 0) return undefined
    let heldUntil = now + leaseMs
    const { lock } = holdLock({
      checkEveryMs: Math.max(1, Math.floor(leaseMs / HEARTBEATS_PER_LEASE)),
      stillHeld: async () => {
        const expiresAt = Date.now() + leaseMs
        try {
          // No row of ours to renew: the lease expired and another process took it.
          if ((await write(() => runner.runSync(renew, { name, owner, expiresAt }))) === 0) return false
          heldUntil = expiresAt
          return true
        } catch {
          // The file stayed locked: the lease holds until it expires, and is lost after.
          return Date.now() < heldUntil
        }
      },
      free: async () => void (await write(() => runner.runSync(remove, { name, owner }))),
    })
    return lock
  }
  return tryLock
}
