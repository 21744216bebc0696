import pg from 'pg'

interface HeldAdvisoryLock {
  release(): Promise<void>
}

/**
 * Postgres's cross-process lock: a session advisory lock, keyed by (schema, name), held on a
 * connection of its own for as long as the lock is held. If the process dies, its connection closes
 * and Postgres releases the lock at once.
 *
 * @example
 * const tryLock = createAdvisoryLock(clientConfig, 'public')
 * const lock = await tryLock('notifier') // undefined when another replica holds it
 */
export const createAdvisoryLock = (config: pg.ClientConfig, schema: string) => async (name: string): Promise<HeldAdvisoryLock | undefined> => {
  const client = new pg.Client(config)
  client.on('error', () => undefined)
  await client.connect()
  const key = [schema, name]
  try {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS locked', key)
    if (!rows[0]?.locked) {
      await client.end()
      return undefined
    }
  } catch (error) {
    await client.end().catch(() => undefined)
    throw error
  }
  return {
    release: async () => {
      try {
        await client.query('SELECT pg_advisory_unlock(hashtext($1), hashtext($2))', key)
      } finally {
        await client.end().catch(() => undefined)
      }
    },
  }
}
