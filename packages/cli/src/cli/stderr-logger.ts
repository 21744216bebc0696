import type { MattermostLogger } from '@incident-kit/adapter-mattermost'
import type { CliOutput } from './cli-io.js'

/** Log levels from the most to the least verbose; `LOG_LEVEL` picks the least severe one written. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]
export const DEFAULT_LOG_LEVEL: LogLevel = 'info'

/**
 * A logger writing one JSON object per line (pino's shape: `level`, `time`, `msg`, fields) to an
 * output, for services run from the CLI. Callers redact secrets before logging.
 *
 * @example
 * const logger = createJsonLogger(io.stderr, 'info', () => new Date().toISOString())
 * logger.info({ port: 3000 }, 'listening')
 */
export const createJsonLogger = (output: CliOutput, level: LogLevel, now: () => string): MattermostLogger => {
  const threshold = LOG_LEVELS.indexOf(level)
  const at = (name: LogLevel) => (object: Readonly<Record<string, unknown>>, message?: string) => {
    if (LOG_LEVELS.indexOf(name) < threshold) return
    output.write(`${JSON.stringify({ level: name, time: now(), ...(message === undefined ? {} : { msg: message }), ...object })}\n`)
  }
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}

/**
 * The level named by `LOG_LEVEL`, or the default for a missing or unknown name.
 *
 * @example
 * logLevelFrom('warn') // 'warn'
 */
export const logLevelFrom = (value: string | undefined): LogLevel =>
  (LOG_LEVELS as readonly string[]).includes(value ?? '') ? (value as LogLevel) : DEFAULT_LOG_LEVEL
