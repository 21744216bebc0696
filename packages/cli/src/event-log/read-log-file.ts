import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { badInputError } from '../cli/cli-errors.js'
import { formatLineErrors } from './format-line-errors.js'
import { parseEventLog, type ParseEventLogOptions } from './parse-event-log.js'
import type { LogLine, LogLineError } from './parse-log-line.js'

export interface ReadEventLogFileOptions extends ParseEventLogOptions {
  /**
   * The file is read to be written into a store (`import`), so a refusal says that nothing was
   * written. `replay` writes to no store: saying so would suggest it might have.
   */
  readonly writesStore?: boolean
}

/**
 * The error of a file that failed validation: the problems found, one per line of the message (at
 * most `MAX_REPORTED_ERRORS`, then how many more).
 *
 * @example
 * throw invalidLogError('log.jsonl', [lineError(3, 'invalid JSON')]) // "log.jsonl is not a valid event log:\n  line 3: invalid JSON"
 * throw invalidLogError('log.jsonl', errors, { writesStore: true }) // "log.jsonl is not a valid event log; nothing was written:\n…"
 */
export const invalidLogError = (file: string, errors: readonly LogLineError[], { writesStore = false }: Pick<ReadEventLogFileOptions, 'writesStore'> = {}) =>
  badInputError(`${file} is not a valid event log${writesStore ? '; nothing was written' : ''}:\n${formatLineErrors(errors)}`)

/**
 * Reads and validates a log file (CloudEvents JSON lines). An unreadable file, an empty one or any
 * invalid line throws a bad-input error (exit 3) listing each problem as `line N: …`.
 *
 * @example
 * const lines = await readEventLogFile('export.jsonl', process.cwd())
 */
export const readEventLogFile = async (file: string, cwd: string, options: ReadEventLogFileOptions = {}): Promise<LogLine[]> => {
  let text: string
  try {
    text = await readFile(resolve(cwd, file), 'utf8')
  } catch (error) {
    throw badInputError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
  const parsed = parseEventLog(text, options)
  if (E.isLeft(parsed)) throw invalidLogError(file, parsed.left, options)
  return parsed.right
}
