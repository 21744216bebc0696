/** The part of pino's logger the client uses: `(object, message)` calls. A pino logger fits. */
export interface MattermostLogger {
  debug(object: Readonly<Record<string, unknown>>, message?: string): void
  info(object: Readonly<Record<string, unknown>>, message?: string): void
  warn(object: Readonly<Record<string, unknown>>, message?: string): void
  error(object: Readonly<Record<string, unknown>>, message?: string): void
}

/** Logs nothing; the default when no logger is given. */
export const silentLogger: MattermostLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
}
