import { isAbsolute, resolve } from 'node:path'
import type { EventStore } from '@incident-kit/core'
import { createSqlEventStore, parseDatabaseUrl, redactDatabaseUrl, resolveDatabaseUrl } from '@incident-kit/adapter-sql'
import { configurationError, failure } from './cli-errors.js'
import type { CliIo } from './cli-io.js'

/** Opens the store of a database URL; tests and embedders may pass their own. */
export type OpenStore = (url: string) => Promise<EventStore>

const SQLITE_PREFIX = 'sqlite:'
const SQLITE_MEMORY = ':memory:'

/**
 * The database URL of a command: `--db`, else `DATABASE_URL`, else `sqlite:./incident-kit.db`. A
 * relative SQLite path is made absolute against the command's working directory.
 *
 * @example
 * databaseUrlFor(undefined, { env: {}, cwd: '/srv' }) // 'sqlite:/srv/incident-kit.db'
 */
export const databaseUrlFor = (flag: string | undefined, io: Pick<CliIo, 'env' | 'cwd'>): string => {
  const url = resolveDatabaseUrl(flag, io.env)
  let parsed: ReturnType<typeof parseDatabaseUrl>
  try {
    parsed = parseDatabaseUrl(url)
  } catch (error) {
    throw configurationError(`--db / DATABASE_URL: ${(error as Error).message}`)
  }
  if (parsed.dialect !== 'sqlite' || parsed.filename === SQLITE_MEMORY || isAbsolute(parsed.filename)) return url
  return `${SQLITE_PREFIX}${resolve(io.cwd, parsed.filename)}`
}

/** Opens the SQL event store of adapter-sql (SQLite or PostgreSQL). */
export const openSqlStore: OpenStore = async (url) => {
  try {
    return await createSqlEventStore({ url })
  } catch (error) {
    throw failure(`cannot open the database ${redactDatabaseUrl(url)}: ${(error as Error).message}`, error)
  }
}
