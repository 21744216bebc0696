import type { MattermostLogger } from '@incident-kit/adapter-mattermost'
import type { StoreWarningHandler } from '@incident-kit/adapter-sql'

/**
 * The store's warnings as `warn` lines of a long-running command's log: the message as `msg`, and
 * the rest (code, how long, the blocking session) as fields an operator can search and alert on.
 *
 * @example
 * await withSqlStore(url, { onWarning: logStoreWarnings(logger) }, serveBot)
 */
export const logStoreWarnings =
  (logger: MattermostLogger): StoreWarningHandler =>
  ({ message, ...details }) =>
    logger.warn(details, message)
