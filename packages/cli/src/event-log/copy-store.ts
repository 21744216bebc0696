import * as E from 'fp-ts/lib/Either.js'
import { START, createInMemoryEventStore, readWholeLog, type EventStore, type LogPosition, type RecordedEvent } from '@incident-kit/core'
import type { SubscriberCheckpointStore } from '@incident-kit/adapter-sql'
import { toCloudEvent } from './cloud-event.js'
import { importEventLog, type ImportEventLogOptions, type ImportResult } from './import-event-log.js'
import { parseEventLog } from './parse-event-log.js'
import type { LogLineError } from './parse-log-line.js'

/** A store whose subscribers' checkpoints can be listed and saved (adapter-sql's). */
export interface CopyableStore extends EventStore {
  readonly checkpoints: SubscriberCheckpointStore
}

/** What a copy did: the import's counts, and the checkpoints written to the target. */
export interface CopyResult extends ImportResult {
  readonly checkpoints: number
}

/** Why a copy stopped. */
export type CopyError =
  /** An event failed `import`'s checks (line N is the N-th event of the source's log); nothing was written. */
  | { readonly _tag: 'InvalidSourceLog'; readonly errors: readonly LogLineError[] }
  /** The events were copied, no checkpoint was written. */
  | { readonly _tag: 'CheckpointConflict'; readonly conflicts: readonly CheckpointConflict[] }

/** A subscriber whose checkpoint the target holds further along its log than the copy's. */
export interface CheckpointConflict {
  readonly subscriber: string
  readonly target: LogPosition
  readonly copied: LogPosition
}

/**
 * A store in memory holding nothing: a copy into it makes exactly the checks a copy into a new
 * database makes, without creating the database.
 *
 * @example
 * const checked = await copyStore(source, emptyCopyTarget()) // Left when a copy into a new database would refuse
 */
export const emptyCopyTarget = (): CopyableStore => {
  const checkpoints = new Map<string, LogPosition>()
  return {
    ...createInMemoryEventStore(),
    checkpoints: {
      load: async (subscriber) => checkpoints.get(subscriber),
      save: async (subscriber, checkpoint) => {
        checkpoints.set(subscriber, checkpoint)
      },
      list: async () => new Map(checkpoints),
    },
  }
}

const NOTHING_IMPORTED: ImportResult = { appended: 0, alreadyPresent: 0, streams: 0 }

/** The source's log, read once, and its lines as `import` takes them: one read serves a check and the copy. */
export interface CopySource {
  readonly events: readonly RecordedEvent[]
  /** The events through the text of `export` and the parser of `import`: a copy is exactly the two. */
  readonly lines: ReturnType<typeof parseEventLog>
}

/**
 * Reads the source's whole log and turns it into log lines, once.
 *
 * @example
 * const read = await readCopySource(sqliteStore)
 */
export const readCopySource = async (source: Pick<EventStore, 'readAll'>): Promise<CopySource> => {
  const events = await readWholeLog(source)
  return { events, lines: parseEventLog(events.map((event) => JSON.stringify(toCloudEvent(event))).join('\n')) }
}

/*
 * Checkpoints name a position in the log of the store that issued them, and positions differ
 * between stores (SQLite's row numbers, Postgres's transaction and row). A checkpoint at an event
 * becomes the position of the same event (by id) in the target; `START` stays. Anything else is not
 * a log position (the bot keeps the time up to which it saw reactions there) and is copied as is.
 */
const translate = (checkpoint: LogPosition, sourceIdAt: ReadonlyMap<LogPosition, string>, targetPositionOf: ReadonlyMap<string, LogPosition>) => {
  const eventId = sourceIdAt.get(checkpoint)
  return checkpoint === START || eventId === undefined ? checkpoint : targetPositionOf.get(eventId)!
}

/**
 * The source's checkpoints as the target's, and the ones the target holds further along its log
 * than the copy's: a subscriber there (a bot run on the target) handled events the source's had
 * not, and moving it back would hand them over again (post their messages twice).
 */
const planCheckpoints = async (source: CopyableStore, target: CopyableStore, sourceIdAt: ReadonlyMap<LogPosition, string>) => {
  const translated = new Map<string, LogPosition>()
  const conflicts: CheckpointConflict[] = []
  const saved = await source.checkpoints.list()
  // Without checkpoints to move, the target's log need not be read.
  if (saved.size === 0) return { translated, conflicts }
  const targetLog = await readWholeLog(target)
  const targetPositionOf = new Map(targetLog.map((event) => [event.id, event.position]))
  const indexOf = new Map<LogPosition, number>([[START, -1], ...targetLog.map((event, index) => [event.position, index] as const)])
  const held = await target.checkpoints.list()
  for (const [subscriber, checkpoint] of saved) {
    const copied = translate(checkpoint, sourceIdAt, targetPositionOf)
    const theirs = held.get(subscriber)
    const heldIndex = theirs === undefined ? undefined : indexOf.get(theirs)
    const copiedIndex = indexOf.get(copied)
    if (heldIndex !== undefined && copiedIndex !== undefined && heldIndex > copiedIndex) conflicts.push({ subscriber, target: theirs!, copied })
    translated.set(subscriber, copied)
  }
  return { translated, conflicts }
}

/**
 * Copies a store into another (the way from SQLite to PostgreSQL): the whole log, as `export` then
 * `import` would, with the same checks, then the subscribers' checkpoints, each moved to the same
 * event in the target's log. Without them a bot on the target would start from the beginning and
 * announce every past event again. Projection states are not copied: they are rebuilt from the
 * log. Running it again copies only the events appended since and moves the checkpoints along. A
 * checkpoint the target holds further along than the copy's (a bot has run on the target) stops
 * the copy before any checkpoint is written.
 *
 * @example
 * const copied = await copyStore(sqliteStore, postgresStore)
 * if (E.isRight(copied)) console.log(`${copied.right.appended} events, ${copied.right.checkpoints} checkpoints`)
 */
export const copyStore = async (source: CopyableStore, target: CopyableStore, options: ImportEventLogOptions = {}): Promise<E.Either<CopyError, CopyResult>> =>
  copyInto(source, target, await readCopySource(source), options)

/**
 * `copyStore` with the source's log already read (`readCopySource`): a copy that is checked first
 * against an empty stand-in reads the source once for both.
 *
 * @example
 * const read = await readCopySource(source)
 * await copyInto(source, emptyCopyTarget(), read)
 */
export const copyInto = async (
  source: CopyableStore,
  target: CopyableStore,
  { events, lines }: CopySource,
  options: ImportEventLogOptions = {},
): Promise<E.Either<CopyError, CopyResult>> => {
  const imported = events.length === 0 ? E.right(NOTHING_IMPORTED) : E.isLeft(lines) ? lines : await importEventLog(target, lines.right, options)
  if (E.isLeft(imported)) return E.left({ _tag: 'InvalidSourceLog', errors: imported.left })
  const { translated, conflicts } = await planCheckpoints(source, target, new Map(events.map((event) => [event.position, event.id])))
  if (conflicts.length > 0) return E.left({ _tag: 'CheckpointConflict', conflicts })
  for (const [subscriber, checkpoint] of translated) await target.checkpoints.save(subscriber, checkpoint)
  return E.right({ ...imported.right, checkpoints: translated.size })
}
