import { IncidentKitError } from '@incident-kit/core'
import { INVALID_DATABASE_URL, isWholeSeconds, urlConnectTimeout } from '../database-url.js'

/*
 * Without a limit, a server that never answers holds a new connection for the system's TCP timeout
 * (about two minutes on Linux). pg's pool also gives up waiting for a free connection after this
 * long; both failures are transient errors, retried where the store retries.
 */
const DEFAULT_CONNECT_TIMEOUT_MS = 30_000

/**
 * How long opening a connection may take: libpq's `connect_timeout` (seconds; 0 waits forever) from
 * the URL, else `PGCONNECT_TIMEOUT`, else 30 s. pg reads neither itself.
 *
 * @example
 * connectTimeoutMs('postgres://db/ops?connect_timeout=5') // 5000
 * connectTimeoutMs('postgres://db/ops', {}) // 30000
 */
export const connectTimeoutMs = (connectionString: string, env: Record<string, string | undefined> = process.env): number => {
  const seconds = urlConnectTimeout(connectionString) ?? env['PGCONNECT_TIMEOUT']
  if (seconds === undefined || seconds === '') return DEFAULT_CONNECT_TIMEOUT_MS
  if (!isWholeSeconds(seconds)) throw new IncidentKitError(INVALID_DATABASE_URL, `PGCONNECT_TIMEOUT must be a whole number of seconds, got "${seconds}"`)
  return Number(seconds) * 1000
}
