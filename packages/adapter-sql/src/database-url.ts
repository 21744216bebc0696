import { IncidentKitError } from '@incident-kit/core'

/** The database used when neither a flag nor `DATABASE_URL` names one: a file beside the process. */
export const DEFAULT_DATABASE_URL = 'sqlite:./incident-kit.db'

export const INVALID_DATABASE_URL = 'INVALID_DATABASE_URL'

export type ParsedDatabaseUrl =
  | { readonly dialect: 'sqlite'; readonly filename: string }
  | { readonly dialect: 'postgres'; readonly connectionString: string; readonly schema?: string }

const SQLITE_PREFIX = 'sqlite:'
const SQLITE_MEMORY = ':memory:'
const POSTGRES_PREFIXES = ['postgres://', 'postgresql://']

/**
 * Picks the database: an explicit flag first, then `DATABASE_URL`, then the embedded SQLite default.
 * `DATABASE_URL=` (an env file's empty line, a cleared variable) names no database, so it counts as
 * unset rather than as a bad URL.
 *
 * @example
 * resolveDatabaseUrl(undefined, { DATABASE_URL: 'postgres://db/incidents' }) // 'postgres://db/incidents'
 * resolveDatabaseUrl() // 'sqlite:./incident-kit.db' (when DATABASE_URL is unset)
 */
export const resolveDatabaseUrl = (flag?: string, env: Record<string, string | undefined> = process.env): string =>
  flag ?? (env['DATABASE_URL'] || DEFAULT_DATABASE_URL)

/**
 * Hides the password of a URL, given before the host or as libpq's `password` parameter, so that
 * the URL can appear in logs and errors.
 *
 * @example
 * redactDatabaseUrl('postgres://ik:secret@db/incidents') // 'postgres://ik:***@db/incidents'
 * redactDatabaseUrl('postgres://db/incidents?user=ik&password=secret') // 'postgres://db/incidents?user=ik&password=***'
 */
export const redactDatabaseUrl = (url: string): string =>
  url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@').replace(/([?&]password=)[^&#]*/gi, '$1***')

/*
 * `?schema=` picks the Postgres schema, as in other tools' database URLs, so that a bot or the CLI
 * configured by `DATABASE_URL` alone can share a database. It is ours, not a libpq parameter: it is
 * taken out before the URL reaches the driver, which would send it to the server as a setting.
 */
const postgresTarget = (url: string): ParsedDatabaseUrl => {
  if (!/[?&]schema=/.test(url)) return { dialect: 'postgres', connectionString: url }
  const parsed = new URL(url)
  const schema = parsed.searchParams.get('schema') ?? ''
  if (schema === '') throw new IncidentKitError(INVALID_DATABASE_URL, `the schema parameter of "${redactDatabaseUrl(url)}" is empty`)
  parsed.searchParams.delete('schema')
  return { dialect: 'postgres', connectionString: parsed.toString(), schema }
}

/**
 * Splits a `DATABASE_URL` into the dialect and what its driver needs.
 *
 * @example
 * parseDatabaseUrl('sqlite::memory:') // { dialect: 'sqlite', filename: ':memory:' }
 * parseDatabaseUrl('sqlite:/var/lib/ik.db') // { dialect: 'sqlite', filename: '/var/lib/ik.db' }
 * parseDatabaseUrl('postgres://ik@db/ops?schema=incidents') // { dialect: 'postgres', connectionString: 'postgres://ik@db/ops', schema: 'incidents' }
 */
export const parseDatabaseUrl = (url: string): ParsedDatabaseUrl => {
  if (POSTGRES_PREFIXES.some((prefix) => url.startsWith(prefix))) return postgresTarget(url)
  if (url.startsWith(SQLITE_PREFIX)) {
    const rest = url.slice(SQLITE_PREFIX.length)
    const filename = rest === SQLITE_MEMORY ? SQLITE_MEMORY : rest.replace(/^\/\/(?=\/)/, '')
    if (filename.length === 0) throw new IncidentKitError(INVALID_DATABASE_URL, 'sqlite: URL names no file (use sqlite:./incident-kit.db or sqlite::memory:)')
    return { dialect: 'sqlite', filename }
  }
  throw new IncidentKitError(
    INVALID_DATABASE_URL,
    `unsupported database URL "${redactDatabaseUrl(url)}": use sqlite:<file>, sqlite::memory: or postgres://...`,
  )
}
