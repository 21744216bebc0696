import { IncidentKitError } from '@incident-kit/core'

/** A database the store cannot get to: a PostgreSQL server that does not answer, a SQLite file it cannot open. */
export const DATABASE_UNREACHABLE = 'DATABASE_UNREACHABLE'

/**
 * The store's error for a database it cannot get to, naming it (never with a password) and why.
 *
 * @example
 * throw databaseUnreachable('the SQLite file /srv/ik/ik.db', 'the directory /srv/ik does not exist', error)
 * // DATABASE_UNREACHABLE: cannot use the SQLite file /srv/ik/ik.db: the directory /srv/ik does not exist
 */
export const databaseUnreachable = (database: string, reason: string, cause: unknown): IncidentKitError =>
  new IncidentKitError(DATABASE_UNREACHABLE, `cannot use ${database}: ${reason}`, { cause })
