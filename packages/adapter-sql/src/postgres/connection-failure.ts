import pg from 'pg'
import { IncidentKitError } from '@incident-kit/core'
import { redactDatabaseUrl } from '../database-url.js'
import { databaseUnreachable } from '../database-unreachable.js'
import { isTransientDatabaseError } from '../transient-error.js'
import { DATABASE_PERMISSION_DENIED, isPermissionDenied } from './permission-denied.js'

/** A PostgreSQL server that answered and refused: a wrong password, a database that does not exist, a read-only standby. */
export const DATABASE_REFUSED = 'DATABASE_REFUSED'

/**
 * Why a connection failed, never empty: when `localhost` resolves to both ::1 and 127.0.0.1 and
 * both refuse, Node reports an AggregateError whose own message is empty.
 *
 * @example
 * connectionFailureReason(new AggregateError([new Error('connect ECONNREFUSED ::1:5432'), new Error('connect ECONNREFUSED 127.0.0.1:5432')], ''))
 * // 'connect ECONNREFUSED ::1:5432; connect ECONNREFUSED 127.0.0.1:5432'
 */
export const connectionFailureReason = (error: unknown): string => {
  const { message, errors, code } = (typeof error === 'object' && error !== null ? error : {}) as { message?: unknown; errors?: unknown; code?: unknown }
  if (typeof message === 'string' && message !== '') return message
  if (Array.isArray(errors) && errors.length > 0) return errors.map(connectionFailureReason).join('; ')
  return typeof code === 'string' ? code : String(error)
}

/**
 * The store's error for a failure to connect and set up: DATABASE_UNREACHABLE when no answer came
 * (or one saying "not now": starting up, too many connections), else the server's refusal,
 * DATABASE_PERMISSION_DENIED for a missing privilege (CONNECT on the database) and DATABASE_REFUSED
 * for the rest. A refusal's message leaves the URL out: the server's reason names the role or
 * database, and callers that show the URL (the CLI) add it.
 *
 * @example
 * throw connectionFailure('postgres://ik:secret@db/ops', error) // DATABASE_UNREACHABLE: cannot use postgres://ik:***@db/ops: connect ECONNREFUSED ...
 */
export const connectionFailure = (connectionString: string, error: unknown): IncidentKitError => {
  if (error instanceof pg.DatabaseError && !isTransientDatabaseError(error)) {
    const reason = error.detail === undefined ? error.message : `${error.message} (${error.detail})`
    return new IncidentKitError(isPermissionDenied(error) ? DATABASE_PERMISSION_DENIED : DATABASE_REFUSED, `PostgreSQL refused: ${reason}`, { cause: error })
  }
  return databaseUnreachable(redactDatabaseUrl(connectionString), connectionFailureReason(error), error)
}
