import * as E from 'fp-ts/lib/Either.js'
import type { EventStore, NewEventEnvelope, RecordedEvent } from '@incident-kit/core'
import { failure } from '../cli/cli-errors.js'
import { sameCommandRun, type CommandRunKey } from './command-runs.js'
import { eventIdsStoredElsewhere } from './event-ids-stored-elsewhere.js'
import { lineError, type LogLine, type LogLineError } from './parse-log-line.js'
import { differingFields } from './same-stored-event.js'

/** What an import did. Importing the same file again gives `appended: 0`. */
export interface ImportResult {
  readonly appended: number
  /** Events of the file the store already held (the same event, with the same id, at the same stream version). */
  readonly alreadyPresent: number
  readonly streams: number
}

export interface ImportEventLogOptions {
  /**
   * Called every `PROGRESS_EVERY_EVENTS` appended events, and once all are written, with the number
   * of events of the file handled so far (those already present count from the start).
   */
  readonly onProgress?: (handled: number, total: number) => void
  /**
   * Called as the file's events are compared with the store's, before anything is written, with
   * the number compared so far: on a store that holds most of the file (a re-import), the
   * comparison is most of the work.
   */
  readonly onCheckProgress?: (checked: number, total: number) => void
}

/*
 * Not after every append: a bar estimates the time left from its last updates, and appends a few
 * events each, thousands a second, would make those updates span milliseconds and the estimate jump.
 */
const PROGRESS_EVERY_EVENTS = 1000

/** Consecutive lines of one stream and one command: the store appends them in one call. */
interface AppendRun extends CommandRunKey {
  readonly lines: LogLine[]
}

const toEnvelope = ({ cloudEvent }: LogLine): NewEventEnvelope => ({
  id: cloudEvent.id,
  type: cloudEvent.type,
  data: cloudEvent.data,
  occurredAt: cloudEvent.time,
  actorId: cloudEvent.actorid,
  commandId: cloudEvent.commandid,
  correlationId: cloudEvent.correlationid,
  schemaVersion: cloudEvent.schemaversion,
})

const runsOf = (lines: readonly LogLine[]): AppendRun[] => {
  const runs: AppendRun[] = []
  for (const line of lines) {
    const last = runs.at(-1)
    if (last && sameCommandRun(last, line.event)) last.lines.push(line)
    else runs.push({ streamId: line.event.streamId, commandId: line.event.commandId, lines: [line] })
  }
  return runs
}

const quotedList = (names: readonly string[]) => names.map((name) => JSON.stringify(name)).join(', ')

/**
 * Compares the file's lines of one stream with what the store holds; returns the lines still to
 * append, or the problems: an event the store holds must be the same event (`differingFields`).
 */
const checkAgainstStream = (lines: readonly LogLine[], stored: readonly RecordedEvent[]): E.Either<LogLineError[], LogLine[]> => {
  const missing: LogLine[] = []
  const differing: LogLineError[] = []
  for (const line of lines) {
    const { streamId, version, id } = line.event
    const existing = stored[version - 1]
    if (existing) {
      if (existing.id !== id) {
        return E.left([lineError(line.line, `${streamId} version ${version} is already a different event in the database (id ${existing.id}, the file has ${id})`)])
      }
      const fields = differingFields(line, existing)
      if (fields.length > 0) {
        const which = fields.length === 1 ? `field ${quotedList(fields)}` : `fields ${quotedList(fields)}`
        differing.push(lineError(line.line, `${streamId} version ${version} differs from the event the database holds (${which})`))
      }
    } else if (missing.length === 0 && version !== stored.length + 1) {
      const where = stored.length === 0 ? 'does not exist in the database' : `is at version ${stored.length} in the database`
      return E.left([lineError(line.line, `version gap: ${streamId} ${where}, the file continues at version ${version}`)])
    } else {
      missing.push(line)
    }
  }
  return differing.length > 0 ? E.left(differing) : E.right(missing)
}

const groupByStream = (lines: readonly LogLine[]) => {
  const byStream = new Map<string, LogLine[]>()
  for (const line of lines) {
    const group = byStream.get(line.event.streamId)
    if (group) group.push(line)
    else byStream.set(line.event.streamId, [line])
  }
  return byStream
}

/** Calls `report` with a running count each time it crosses a multiple of `PROGRESS_EVERY_EVENTS`, and at `total`. */
const steppedProgress = (total: number, report: ((done: number, total: number) => void) | undefined) => {
  let done = 0
  return (more: number) => {
    const before = done
    done += more
    const crossedStep = Math.floor(done / PROGRESS_EVERY_EVENTS) > Math.floor(before / PROGRESS_EVERY_EVENTS)
    if (crossedStep || done === total) report?.(done, total)
  }
}

/** Every check that needs the store, done before anything is written. */
const planImport = async (
  store: EventStore,
  lines: readonly LogLine[],
  onCheckProgress: ImportEventLogOptions['onCheckProgress'],
): Promise<E.Either<LogLineError[], { runs: AppendRun[]; pending: LogLine[]; streams: number }>> => {
  const errors: LogLineError[] = []
  const toAppend = new Set<LogLine>()
  const streams = groupByStream(lines)
  const compared = steppedProgress(lines.length, onCheckProgress)
  for (const [streamId, streamLines] of streams) {
    const checked = checkAgainstStream(streamLines, await store.readStream(streamId))
    if (E.isLeft(checked)) errors.push(...checked.left)
    else checked.right.forEach((line) => toAppend.add(line))
    compared(streamLines.length)
  }
  const pending = lines.filter((line) => toAppend.has(line))
  // Only what is still to append can collide with an id stored elsewhere: a re-import reads no log.
  if (pending.length > 0) errors.push(...(await eventIdsStoredElsewhere(store, pending)))
  const runs = runsOf(pending)
  for (const run of runs) {
    const recorded = await store.readByCommandId(run.commandId)
    if (recorded.length > 0) {
      errors.push(lineError(run.lines[0]!.line, `command ${run.commandId} is already recorded in the database with other events`))
    }
  }
  return errors.length > 0 ? E.left(errors.sort((a, b) => a.line - b.line)) : E.right({ runs, pending, streams: streams.size })
}

/**
 * Appends a parsed log to a store, all or nothing as far as the file's content goes: every line is
 * checked against the store first (an event already there must be the same event at the same
 * version: same id, type, time, data, actor, command, correlation and schema version,
 * `differingFields`, though it may have been recorded at another time; an
 * event id the store holds must be stored at the line's stream and version; a stream
 * must continue exactly where the store's ends), and only then is anything
 * written. Events keep their ids, versions, times (`recordedAt` too), actors and command ids; only
 * their positions are the target's. A store records a command's events at once, so each append keeps
 * the `recordedAt` of its command's first line.
 * Idempotent: events already present are skipped, so importing a file twice appends nothing.
 *
 * @example
 * const parsed = parseEventLog(text)
 * if (E.isRight(parsed)) await importEventLog(store, parsed.right) // Right({ appended, alreadyPresent, streams })
 */
export const importEventLog = async (
  store: EventStore,
  lines: readonly LogLine[],
  options: ImportEventLogOptions = {},
): Promise<E.Either<LogLineError[], ImportResult>> => {
  const plan = await planImport(store, lines, options.onCheckProgress)
  if (E.isLeft(plan)) return plan
  const { runs, pending, streams } = plan.right
  const handled = steppedProgress(lines.length, options.onProgress)
  // A file the store already holds entirely appends nothing: its progress is complete at once.
  handled(lines.length - pending.length)
  for (const run of runs) {
    const first = run.lines[0]!.event
    const result = await store.appendToStream(run.streamId, run.lines.map(toEnvelope), {
      expectedVersion: first.version - 1,
      recordedAt: first.recordedAt,
    })
    if (result.duplicate) throw failure(`line ${run.lines[0]!.line}: command ${run.commandId} was recorded by someone else during the import`)
    handled(run.lines.length)
  }
  return E.right({
    appended: pending.length,
    alreadyPresent: lines.length - pending.length,
    streams,
  })
}
