import { IncidentKitError } from '@incident-kit/core'

/** The store's role lacks a privilege it needs; the message names the privilege and how to grant it. */
export const DATABASE_PERMISSION_DENIED = 'DATABASE_PERMISSION_DENIED'

/** Postgres's SQLSTATE insufficient_privilege. */
const INSUFFICIENT_PRIVILEGE = '42501'

/** Who the store's connections are and where its tables go: what a `GRANT` has to name. */
export interface PostgresSession {
  readonly role: string
  readonly database: string
  readonly schema: string
}

/**
 * True when the server refused a statement for a missing privilege.
 *
 * @example
 * isPermissionDenied(error) // true for "permission denied for database test"
 */
export const isPermissionDenied = (error: unknown): boolean => (error as { code?: unknown } | null | undefined)?.code === INSUFFICIENT_PRIVILEGE

/** A name as SQL quotes it, so that the statements in the messages can be run as they are. */
const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`

/**
 * The schema is missing and the role may not create it: that takes CREATE on the database.
 *
 * @example
 * throw cannotCreateSchema({ role: 'ik', database: 'ops', schema: 'incidents' }, error)
 */
export const cannotCreateSchema = ({ role, database, schema }: PostgresSession, cause: Error) =>
  new IncidentKitError(
    DATABASE_PERMISSION_DENIED,
    `role ${quoted(role)} may not create the schema ${quoted(schema)} (${cause.message}): have a role with CREATE on database ` +
      `${quoted(database)} create it for this one (CREATE SCHEMA ${quoted(schema)} AUTHORIZATION ${quoted(role)}), ` +
      `or grant the privilege (GRANT CREATE ON DATABASE ${quoted(database)} TO ${quoted(role)})`,
    { cause },
  )

/**
 * The schema is there but the role may not create or use the store's tables in it (`public` since
 * PostgreSQL 15, a schema another role owns).
 *
 * @example
 * throw cannotUseSchema({ role: 'ik', database: 'ops', schema: 'public' }, error)
 */
export const cannotUseSchema = ({ role, database, schema }: PostgresSession, cause: Error) =>
  new IncidentKitError(
    DATABASE_PERMISSION_DENIED,
    `role ${quoted(role)} may not create or use the store's tables in schema ${quoted(schema)} of database ${quoted(database)} ` +
      `(${cause.message}): use a schema the role owns (?schema=...), or have the schema's owner grant the privileges ` +
      `(GRANT USAGE, CREATE ON SCHEMA ${quoted(schema)} TO ${quoted(role)})`,
    { cause },
  )
