import pg from 'pg'
import { isSqliteBusy } from './sqlite/sqlite-busy.js'

/*
 * Postgres SQLSTATEs after which the same work can succeed on a new connection: a connection
 * exception (class 08), the server shutting down, crashed or starting up (57P01–57P03), too many
 * connections (53300).
 */
const TRANSIENT_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/

/*
 * pg's own errors when a connection breaks or cannot be made carry no SQLSTATE: a socket error code
 * (ECONNREFUSED, ECONNRESET, EPIPE, ETIMEDOUT, ...) or one of these messages. "Query read timeout"
 * is the store's `query_timeout`: the server did not answer a statement in time (a network
 * partition), and the connection is retired. "timeout exceeded when trying to connect" is also the
 * store's wait for a transaction slot (see `createTransactionSlots`).
 */
const BROKEN_CONNECTION = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is closed|Query read timeout/i

/**
 * True for a database error that says "not now" rather than "never": the database restarted, failed
 * over or refused connections for a while (Postgres), or another process held the file's lock
 * longer than the busy timeout (SQLite). Work that failed so may be done again.
 *
 * @example
 * isTransientDatabaseError(new Error('Connection terminated unexpectedly')) // true
 */
export const isTransientDatabaseError = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return false
  if (isSqliteBusy(error)) return true
  const { code, message } = error as { code?: unknown; message?: unknown }
  if (error instanceof pg.DatabaseError) return typeof code === 'string' && TRANSIENT_SQLSTATE.test(code)
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return true
  return typeof message === 'string' && BROKEN_CONNECTION.test(message)
}
