import pg from 'pg'
import type { PostgresPool, PostgresPoolClient } from 'kysely'

/*
 * How long the store waits for the answer to one statement on its connections (pg's client-side
 * `query_timeout`) before it takes the connection for broken: 60 s by default. A server that stops
 * answering without closing the socket (a network partition, a host gone in a failover) otherwise
 * holds the statement for the kernel's TCP retransmission timeout, about 15 minutes on Linux:
 * subscriptions delivered nothing and raised no warning, and `close` waited for them. The store's
 * own statements take milliseconds; the bound is far above them, and above the `statement_timeout`
 * servers are usually given, so that the server's own limit, which names the statement, comes first.
 * It also bounds what an exactly-once handler or `transact`'s work runs through `tx.db`.
 *
 * The timeout is pg's "Query read timeout", a transient error (`isTransientDatabaseError`):
 * subscriptions restart from their checkpoints with `SUBSCRIPTION_RESTARTED`. For an append it is
 * a lost answer: the COMMIT may have happened on the server. A caller that retries with the same
 * command id (and the same event ids) gets the stored events (`duplicate: true`) rather than storing
 * them twice; a command run again with new ids (a CLI command re-run, say) would store them again.
 */
export const DEFAULT_QUERY_TIMEOUT_MS = 60_000

/** A statement with pg's per-query `query_timeout`, which pg reads but its types leave out. */
export type TimedQueryConfig = pg.QueryConfig & { readonly query_timeout?: number; readonly rowMode?: 'array' }

/**
 * What a failed statement leaves of its connection: a statement the server rejected (a
 * `DatabaseError`) leaves it usable; any other failure (a broken socket, a query timeout, whose
 * statement may still be running there) retires it, so the pool never hands it out again.
 *
 * @example
 * client.release(retiredBy(error))
 */
export const retiredBy = (error: unknown): Error | undefined => (error instanceof pg.DatabaseError ? undefined : (error as Error))

/**
 * The pool as Kysely sees it: each statement bounded by `queryTimeoutMs`, and a connection whose
 * statement failed other than by the server's refusal retired: every later statement on it fails at
 * once with the same error, sending nothing, and the pool never hands it out again. After a query
 * timeout pg keeps the unanswered statement as the connection's active one and queues the next
 * behind it: a transaction's ROLLBACK sent there would wait a whole `queryTimeoutMs` of its own, and
 * Kysely throws a failed rollback's error in place of the work's. Failing at once, the ROLLBACK
 * throws the timeout's own error, so `transact` fails after one `queryTimeoutMs` with it; the server
 * rolls the transaction back when the retired connection closes.
 *
 * @example
 * const db = new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool: timedPool(pool, 60_000) }) })
 */
export const timedPool = (pool: pg.Pool, queryTimeoutMs: number): PostgresPool => ({
  connect: async () => {
    const client = await pool.connect()
    let retired: Error | undefined
    const timed = {
      query: async (text: string, values: readonly unknown[]) => {
        if (retired !== undefined) throw retired
        try {
          const timed: TimedQueryConfig = { text, values: [...values], query_timeout: queryTimeoutMs }
          return await client.query(timed)
        } catch (error) {
          retired ??= retiredBy(error)
          throw error
        }
      },
      release: (destroy?: boolean) => client.release(retired ?? destroy),
    }
    return timed as unknown as PostgresPoolClient
  },
  // The store ends the pool itself: Kysely ends it only if it ever ran a statement.
  end: async () => undefined,
})
