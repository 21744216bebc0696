import { IncidentKitError } from '@incident-kit/core'
import { INVALID_DATABASE_URL, parsePostgresUrl, redactDatabaseUrl, withoutParameter } from '../database-url.js'

export interface SessionOptions {
  /** The URL without its `?options=`, which would otherwise replace `options` whole. */
  readonly connectionString: string
  /** libpq's `options`: the URL's own, then the store's `search_path`. */
  readonly options: string
}

/**
 * The store's sessions look up their tables in `schema`, keeping the server settings the URL's
 * `?options=` gives (`-c statement_timeout=5000`). pg lets the connection string's `options` replace
 * the config's, which put the tables in `public` while Kysely's migration tables went to the schema;
 * so the URL's options are taken out and joined with ours. Options that set `search_path`
 * themselves are refused: the schema is named with `?schema=` or the `schema` option.
 *
 * @example
 * sessionOptions('postgres://db/ops?options=-c%20statement_timeout%3D5000', 'incidents')
 * // { connectionString: 'postgres://db/ops', options: '-c statement_timeout=5000 -c search_path="incidents"' }
 */
export const sessionOptions = (connectionString: string, schema: string): SessionOptions => {
  // Quoted as `CREATE SCHEMA` quotes it: unquoted, Postgres would look for `myschema` instead of `MySchema`.
  const searchPath = `-c search_path="${schema}"`
  const url = parsePostgresUrl(connectionString)
  const userOptions = url.searchParams.get('options')
  if (userOptions === null) return { connectionString, options: searchPath }
  if (/search_path/i.test(userOptions)) {
    throw new IncidentKitError(
      INVALID_DATABASE_URL,
      `the options of "${redactDatabaseUrl(connectionString)}" set search_path: name the schema with ?schema= or the schema option instead`,
    )
  }
  return { connectionString: withoutParameter(url, 'options'), options: `${userOptions} ${searchPath}`.trim() }
}
