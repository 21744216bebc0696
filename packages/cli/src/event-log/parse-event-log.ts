import * as E from 'fp-ts/lib/Either.js'
import { checklistProblems } from './checklist-problems.js'
import { sameCommandRun } from './command-runs.js'
import { lineError, parseLogLine, type LogLine, type LogLineError } from './parse-log-line.js'
import { lifecycleProblems } from './stream-lifecycle-problems.js'

export interface ParseEventLogOptions {
  /**
   * Called every so often with the number of event lines (lines that are not blank) read and their
   * total, for progress bars: on a valid log, the number of events.
   */
  readonly onProgress?: (eventLinesRead: number, eventLines: number) => void
}

interface StreamCursor {
  readonly version: number
  readonly line: number
}

const PROGRESS_EVERY_LINES = 1000

const isBlank = (raw: string) => raw.trim() === ''

/** Some Windows editors start UTF-8 files with U+FEFF; JSON.parse would call it an invisible "unexpected token". */
const BYTE_ORDER_MARK = /^\uFEFF/

/*
 * A store appends a command's events at once and refuses its id a second time, so a command whose
 * events come back after other lines would fail mid-import, once the streams before it are written.
 * Returns the check of one line: where that command's first run of lines began, if it already did.
 */
const commandRunCheck = () => {
  const firstLineOf = new Map<string, number>()
  let last: LogLine['event'] | undefined
  return (line: number, event: LogLine['event']): LogLineError | undefined => {
    const startsRun = last === undefined || !sameCommandRun(last, event)
    last = event
    if (!startsRun) return undefined
    const firstLine = firstLineOf.get(event.commandId)
    if (firstLine !== undefined) {
      return lineError(line, `command ${event.commandId} was already used on line ${firstLine} (a command's events are consecutive lines of one stream)`)
    }
    firstLineOf.set(event.commandId, line)
    return undefined
  }
}

/**
 * Checks the order of a log across lines: event ids are unique, within each stream versions rise by
 * exactly one from line to line, and each command's events are consecutive lines of one stream. A
 * stream may start above version 1 (an export `--since`); whether that fits is for the reader to
 * decide.
 */
const orderProblems = (lines: readonly LogLine[]): LogLineError[] => {
  const errors: LogLineError[] = []
  const lineOfEventId = new Map<string, number>()
  const reusedCommand = commandRunCheck()
  const cursors = new Map<string, StreamCursor>()
  for (const { line, event } of lines) {
    const firstLine = lineOfEventId.get(event.id)
    const reuse = reusedCommand(line, event)
    // A repeated line is reported as a duplicate event; that it repeats a command too adds nothing.
    if (firstLine !== undefined) errors.push(lineError(line, `duplicate event id ${event.id} (first on line ${firstLine})`))
    else {
      lineOfEventId.set(event.id, line)
      if (reuse) errors.push(reuse)
    }
    const previous = cursors.get(event.streamId)
    if (previous && event.version <= previous.version) {
      errors.push(
        lineError(
          line,
          `events out of order: ${event.streamId} version ${event.version} comes after version ${previous.version} (line ${previous.line})`,
        ),
      )
    } else if (previous && event.version > previous.version + 1) {
      errors.push(
        lineError(
          line,
          `version gap: ${event.streamId} jumps from version ${previous.version} (line ${previous.line}) to ${event.version}`,
        ),
      )
    }
    if (!previous || event.version > previous.version) cursors.set(event.streamId, { version: event.version, line })
  }
  return errors
}

/**
 * Parses a CloudEvents JSON-lines log (the format of `incident-kit export`, docs/event-log.md).
 * A leading byte-order mark and blank lines are ignored; every other line must be one valid event,
 * and each stream and each incident's checklist one `decide` could have written (`lifecycleProblems`,
 * `checklistProblems`). Returns every problem found,
 * each with its line number (a message lists the first `MAX_REPORTED_ERRORS` and counts the rest), or
 * the events in file order.
 *
 * @example
 * const parsed = parseEventLog(readFileSync('log.jsonl', 'utf8'))
 * if (E.isLeft(parsed)) parsed.left.map(formatLineError) // ['line 3: invalid JSON (…)']
 */
export const parseEventLog = (text: string, options: ParseEventLogOptions = {}): E.Either<LogLineError[], LogLine[]> => {
  const rawLines = text.replace(BYTE_ORDER_MARK, '').split('\n')
  // Progress counts events, as an import's later passes over them do: a blank (last) line is no step.
  // Counted only for a caller that shows progress: a copy's parse has no use for it.
  let eventLines = 0
  if (options.onProgress) for (const raw of rawLines) if (!isBlank(raw)) eventLines++
  let eventLinesRead = 0
  const errors: LogLineError[] = []
  const lines: LogLine[] = []
  for (let index = 0; index < rawLines.length; index++) {
    const raw = (rawLines[index] ?? '').replace(/\r$/, '')
    if (isBlank(raw)) continue
    const parsed = parseLogLine(raw, index + 1)
    if (E.isLeft(parsed)) errors.push(parsed.left)
    else lines.push(parsed.right)
    eventLinesRead++
    if (eventLinesRead % PROGRESS_EVERY_LINES === 0) options.onProgress?.(eventLinesRead, eventLines)
  }
  options.onProgress?.(eventLines, eventLines)
  // Order is checked only on a file whose every line is valid: a dropped line would fake a gap.
  if (errors.length > 0) return E.left(errors)
  if (lines.length === 0) return E.left([lineError(1, 'the file holds no events (it is empty)')])
  // Sorted by line (stably), so that the report reads down the file whatever check found what.
  const order = orderProblems(lines)
  // A line repeated or out of order is reported as such: what it would mean for its stream adds nothing.
  const misplaced = new Set(order.map((problem) => problem.line))
  const lifecycle = lifecycleProblems(lines.filter(({ line }) => !misplaced.has(line)))
  const problems = [...order, ...lifecycle, ...checklistProblems(lines)].sort((a, b) => a.line - b.line)
  return problems.length > 0 ? E.left(problems) : E.right(lines)
}
