import pg from 'pg'
import { holdLock, type HeldLock } from '../held-lock.js'
import { endClient } from './end-client.js'

/** How often a held lock's connection is asked whether it still answers. */
const DEFAULT_CHECK_MS = 5_000

/**
 * Postgres's cross-process lock: a session advisory lock, keyed by (schema, name), held on a
 * connection of its own for as long as the lock is held. If the process dies, its connection closes
 * and Postgres releases the lock at once. If the connection breaks (a restart, a failover,
 * `pg_terminate_backend`) or stops answering within two checks, the lock is `lost`: Postgres has
 * freed it or will, and another replica may take it.
 *
 * @example
 * const tryLock = createAdvisoryLock(clientConfig, 'public')
 * const lock = await tryLock('notifier') // undefined when another replica holds it
 */
export const createAdvisoryLock = (config: pg.ClientConfig, schema: string, checkMs = DEFAULT_CHECK_MS) => async (name: string): Promise<HeldLock | undefined> => {
  const client = new pg.Client({ ...config, query_timeout: 2 * checkMs })
  client.on('error', () => undefined)
  await client.connect()
  const key = [schema, name]
  try {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS locked', key)
    if (!rows[0]?.locked) {
      await endClient(client)
      return undefined
    }
  } catch (error) {
    await endClient(client)
    throw error
  }
  const { lock, lose } = holdLock({
    checkEveryMs: checkMs,
    stillHeld: () => client.query('SELECT 1').then(() => true, () => false),
    free: async () => {
      try {
        await client.query('SELECT pg_advisory_unlock(hashtext($1), hashtext($2))', key)
      } finally {
        await endClient(client)
      }
    },
    onLost: () => void endClient(client),
  })
  client.on('error', lose)
  client.on('end', lose)
  return lock
}
