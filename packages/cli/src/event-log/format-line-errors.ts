import { formatLineError, type LogLineError } from './parse-log-line.js'

/** How many problems a refusal lists; the rest it only counts, as `… and N more`. */
export const MAX_REPORTED_ERRORS = 20

/**
 * The problems of a log as an indented list, one `line N: …` per row: at most `MAX_REPORTED_ERRORS`,
 * then how many were left out, so that a file wrong on every line does not bury the first problems.
 *
 * @example
 * formatLineErrors([lineError(3, 'invalid JSON')]) // '  line 3: invalid JSON'
 */
export const formatLineErrors = (errors: readonly LogLineError[]): string => {
  const shown = errors.slice(0, MAX_REPORTED_ERRORS).map((error) => `  ${formatLineError(error)}`)
  const leftOut = errors.length - shown.length
  return [...shown, ...(leftOut > 0 ? [`  … and ${leftOut} more`] : [])].join('\n')
}
