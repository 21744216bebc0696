import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { badInputError } from '../cli/cli-errors.js'
import { formatLineErrors } from './format-line-errors.js'
import { parseEventLog, type ParseEventLogOptions } from './parse-event-log.js'
import { lineError, type LogLine, type LogLineError } from './parse-log-line.js'

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

const NEWLINE = 0x0a

/** The byte-order mark of UTF-16, little- or big-endian: a Windows editor's "Unicode". */
const startsUtf16 = (bytes: Uint8Array) => (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)

/**
 * The file's text, or each line that is not valid UTF-8. Decoding leniently would turn each bad
 * byte into U+FFFD and import data the file does not hold (a Latin-1 `é` as `�`), so that an export
 * of the store no longer equals the file. A leading byte-order mark is dropped, as `parseEventLog`
 * would. The newline byte is never part of a multi-byte sequence, so the file's lines are its
 * byte runs between newlines.
 *
 * @example
 * decodeUtf8(Buffer.from('{"a":1}\n{"b":"\xe9"}\n', 'latin1')) // Left([lineError(2, 'not valid UTF-8')])
 */
export const decodeUtf8 = (bytes: Uint8Array): E.Either<LogLineError[], string> => {
  try {
    return E.right(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    const errors: LogLineError[] = []
    const decoder = new TextDecoder('utf-8', { fatal: true })
    let start = 0
    for (let line = 1; start <= bytes.length; line++) {
      const newline = bytes.indexOf(NEWLINE, start)
      const end = newline === -1 ? bytes.length : newline
      try {
        decoder.decode(bytes.subarray(start, end))
      } catch {
        errors.push(lineError(line, line === 1 && startsUtf16(bytes) ? 'not valid UTF-8 (the file is UTF-16: save it as UTF-8)' : 'not valid UTF-8'))
      }
      start = end + 1
    }
    return E.left(errors)
  }
}

/**
 * Reads and validates a log file (CloudEvents JSON lines). An unreadable file, an empty one, a line
 * that is not UTF-8 (`decodeUtf8`) or any invalid line throws a bad-input error (exit 3) listing each problem as `line N: …`.
 *
 * @example
 * const lines = await readEventLogFile('export.jsonl', process.cwd())
 */
export const readEventLogFile = async (file: string, cwd: string, options: ReadEventLogFileOptions = {}): Promise<LogLine[]> => {
  let bytes: Uint8Array
  try {
    bytes = await readFile(resolve(cwd, file))
  } catch (error) {
    throw badInputError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
  const text = decodeUtf8(bytes)
  if (E.isLeft(text)) throw invalidLogError(file, text.left, options)
  const parsed = parseEventLog(text.right, options)
  if (E.isLeft(parsed)) throw invalidLogError(file, parsed.left, options)
  return parsed.right
}
