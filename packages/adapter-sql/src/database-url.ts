import { IncidentKitError } from '@incident-kit/core'
import { schemaNameProblem } from './postgres/schema-name.js'

/** The database used when neither a flag nor `DATABASE_URL` names one: a file beside the process. */
export const DEFAULT_DATABASE_URL = 'sqlite:./incident-kit.db'

export const INVALID_DATABASE_URL = 'INVALID_DATABASE_URL'

export type ParsedDatabaseUrl =
  | { readonly dialect: 'sqlite'; readonly filename: string }
  | { readonly dialect: 'postgres'; readonly connectionString: string; readonly schema?: string }

const SQLITE_PREFIX = 'sqlite:'
/** SQLite's name for a database that lives in memory only (no file). */
export const SQLITE_MEMORY = ':memory:'
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

/*
 * The password runs from the first `:` after `://` to the LAST `@`: unencoded, an `@`, `/`, `#` or
 * `?` in it would end the user info early for a URL parser, so no parser may decide where it ends.
 * An `@` later in the URL (in the query, after a host with a port) hides the host too: better too
 * much than the password.
 */
const USERINFO_PASSWORD = /^(.*?:\/\/[^:]*):.*@/s
/* libpq's `password` parameter runs to the next `&`: a `#` is part of it, not a fragment. */
const QUERY_PASSWORD = /([?&]password=)[^&]*/gi

/**
 * Hides the password of a URL, given before the host or as libpq's `password` parameter, so that
 * the URL can appear in logs and errors. Works on the text, not a parsed URL: also on a URL that
 * does not parse, and whatever characters the password holds.
 *
 * @example
 * redactDatabaseUrl('postgres://ik:secret@db/incidents') // 'postgres://ik:***@db/incidents'
 * redactDatabaseUrl('postgres://ik:p@ss#1@db/incidents') // 'postgres://ik:***@db/incidents'
 * redactDatabaseUrl('postgres://db/incidents?user=ik&password=secret') // 'postgres://db/incidents?user=ik&password=***'
 */
export const redactDatabaseUrl = (url: string): string => url.replace(USERINFO_PASSWORD, '$1:***@').replace(QUERY_PASSWORD, '$1***')

/**
 * Parses a Postgres URL as pg does (WHATWG), refusing with INVALID_DATABASE_URL one that does not
 * parse (Node's own error would carry the whole URL, password included, in `input`), and one whose
 * password an unencoded `#`, `/` or `?` cut short: it parses with a fragment, or with an `@` past
 * the host, and the driver would take the rest of the password for the host, port or database,
 * which connection errors then show.
 *
 * @example
 * parsePostgresUrl('postgres://ik@db/ops?connect_timeout=5').searchParams.get('connect_timeout') // '5'
 * parsePostgresUrl('postgres://ik:p#ss@db/ops') // throws INVALID_DATABASE_URL: "postgres://ik:***@db/ops" is not a valid URL: ...
 */
export const parsePostgresUrl = (url: string): URL => {
  const invalid = () =>
    new IncidentKitError(
      INVALID_DATABASE_URL,
      `"${redactDatabaseUrl(url)}" is not a valid URL: name a host, and percent-encode @, #, / and ? in the user name and password (%40, %23, %2F, %3F), and @ after the host`,
    )
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    // Without Node's error as the `cause`: its `input` is the URL unredacted.
    throw invalid()
  }
  if (parsed.hash !== '' || `${parsed.pathname}${parsed.search}`.includes('@')) throw invalid()
  return parsed
}

/**
 * The URL without one of its parameters. Written out so that pg reads it as it read the original: a
 * `%` that starts no escape is escaped, since pg re-encodes a URL holding one (or a space), which
 * breaks the escapes the URL writes out (`:` as `%3A`): a password `50%:off` would come out wrong.
 *
 * @example
 * withoutParameter(parsePostgresUrl('postgres://ik:50%:off@db/ops?schema=incidents'), 'schema') // 'postgres://ik:50%25%3Aoff@db/ops'
 */
export const withoutParameter = (url: URL, name: string): string => {
  const copy = new URL(url)
  copy.searchParams.delete(name)
  return copy.toString().replace(/%(?![0-9A-Fa-f]{2})/g, '%25')
}

/** libpq's `connect_timeout` and `PGCONNECT_TIMEOUT`: whole seconds, 0 for no limit. */
export const isWholeSeconds = (text: string) => /^\d+$/.test(text.trim())

/**
 * The `connect_timeout` a Postgres URL gives (seconds, as written), or `null`; anything but whole
 * seconds is refused with INVALID_DATABASE_URL, the URL redacted.
 *
 * @example
 * urlConnectTimeout('postgres://db/ops?connect_timeout=5') // '5'
 */
export const urlConnectTimeout = (url: string, parsed: URL = parsePostgresUrl(url)): string | null => {
  const seconds = parsed.searchParams.get('connect_timeout')
  if (seconds !== null && !isWholeSeconds(seconds)) {
    throw new IncidentKitError(INVALID_DATABASE_URL, `the connect_timeout of "${redactDatabaseUrl(url)}" must be a whole number of seconds, got "${seconds}"`)
  }
  return seconds
}

/*
 * `?schema=` picks the Postgres schema, as in other tools' database URLs, so that a bot or the CLI
 * configured by `DATABASE_URL` alone can share a database. It is ours, not a libpq parameter: it is
 * taken out before the URL reaches the driver, which would send it to the server as a setting.
 */
const postgresTarget = (url: string): ParsedDatabaseUrl => {
  const parsed = parsePostgresUrl(url)
  urlConnectTimeout(url, parsed)
  if (!parsed.searchParams.has('schema')) return { dialect: 'postgres', connectionString: url }
  const schema = parsed.searchParams.get('schema') ?? ''
  if (schema === '') throw new IncidentKitError(INVALID_DATABASE_URL, `the schema parameter of "${redactDatabaseUrl(url)}" is empty`)
  const problem = schemaNameProblem(schema)
  if (problem !== undefined) throw new IncidentKitError(INVALID_DATABASE_URL, `the schema parameter of "${redactDatabaseUrl(url)}": ${problem}`)
  return { dialect: 'postgres', connectionString: withoutParameter(parsed, 'schema'), schema }
}

/*
 * `sqlite://` is followed by a host in URL syntax, and SQLite has none: `sqlite:///abs.db` (an empty
 * host) is an absolute path. Anything else after the two slashes (`sqlite://./w.db`, a likely typo
 * for `sqlite:./w.db`) would be read as the absolute path `//./w.db`, a file at the root.
 */
const NAMES_A_HOST = /^\/\/(?!\/)/

const hostInSqliteUrl = (url: string, path: string) =>
  new IncidentKitError(
    INVALID_DATABASE_URL,
    `"${redactDatabaseUrl(url)}": a SQLite URL has no host after sqlite://; use ${path === '' ? 'sqlite:./incident-kit.db' : `sqlite:${path}`} (a file relative to the current directory) or sqlite:///abs/path.db (an absolute path)`,
  )

/**
 * Splits a `DATABASE_URL` into the dialect and what its driver needs.
 *
 * @example
 * parseDatabaseUrl('sqlite::memory:') // { dialect: 'sqlite', filename: ':memory:' }
 * parseDatabaseUrl('sqlite:/var/lib/ik.db') // { dialect: 'sqlite', filename: '/var/lib/ik.db' }
 * parseDatabaseUrl('sqlite://./ik.db') // throws INVALID_DATABASE_URL: no host after sqlite://; use sqlite:./ik.db (…) or sqlite:///abs/path.db (…)
 * parseDatabaseUrl('postgres://ik@db/ops?schema=incidents') // { dialect: 'postgres', connectionString: 'postgres://ik@db/ops', schema: 'incidents' }
 */
export const parseDatabaseUrl = (url: string): ParsedDatabaseUrl => {
  if (POSTGRES_PREFIXES.some((prefix) => url.startsWith(prefix))) return postgresTarget(url)
  if (url.startsWith(SQLITE_PREFIX)) {
    const rest = url.slice(SQLITE_PREFIX.length)
    if (NAMES_A_HOST.test(rest)) throw hostInSqliteUrl(url, rest.slice(2))
    const filename = rest === SQLITE_MEMORY ? SQLITE_MEMORY : rest.replace(/^\/\/(?=\/)/, '')
    if (filename.length === 0) throw new IncidentKitError(INVALID_DATABASE_URL, 'sqlite: URL names no file (use sqlite:./incident-kit.db or sqlite::memory:)')
    return { dialect: 'sqlite', filename }
  }
  throw new IncidentKitError(
    INVALID_DATABASE_URL,
    `unsupported database URL "${redactDatabaseUrl(url)}": use sqlite:<file>, sqlite::memory: or postgres://...`,
  )
}
