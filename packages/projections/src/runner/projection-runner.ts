import { START, type EventStore, type LogPosition, type ProjectionStateStore, type RecordedEvent, type Subscription } from '@incident-kit/core'
import { catchUpState, DEFAULT_RUNNER_BATCH_SIZE } from './catch-up-state.js'
import { applyBatch, type EventDecoder, type Projection } from './projection.js'

export interface ProjectionRunnerOptions<S> {
  readonly store: Pick<EventStore, 'readAll' | 'subscribe'>
  /** In memory (`createInMemoryProjectionStateStore` from the core) or SQL (adapter-sql). */
  readonly stateStore: ProjectionStateStore
  readonly projection: Projection<S>
  /** Events per batch, applied in one pass (`applyBatch`); `DEFAULT_RUNNER_BATCH_SIZE` by default. */
  readonly batchSize?: number
  readonly decode?: EventDecoder
  /**
   * Called with each new state, e.g. to refresh a side panel: once when the catch-up is done, then
   * after each live batch.
   */
  readonly onBatch?: (state: S, checkpoint: LogPosition) => void
  /**
   * The least time between two snapshots; `DEFAULT_SNAPSHOT_INTERVAL_MS` by default, 0 saves after
   * every batch. A snapshot holds the whole state, so saving one per batch would make catching up
   * quadratic; a restart replays at most this interval's events, and `stop` always saves.
   */
  readonly snapshotIntervalMs?: number
  /** The time source for `snapshotIntervalMs`; `Date.now` by default. */
  readonly now?: () => number
}

export const DEFAULT_SNAPSHOT_INTERVAL_MS = 1000

/** What a runner did since it started. */
export interface ProjectionRunnerStats {
  readonly applied: number
  readonly skipped: number
  readonly batches: number
  /** True when the stored snapshot was missing or of another `version`, so the state was rebuilt from the start. */
  readonly rebuilt: boolean
}

export interface ProjectionRunner<S> {
  /**
   * Loads the snapshot (or starts over on a new `version`), catches up privately (`state()` shows
   * the result when the catch-up is done; resolves then), and follows the log live.
   */
  start(): Promise<void>
  /** Resolves once every event stored at the time of the call (or later) is applied. */
  caughtUp(): Promise<void>
  state(): S
  checkpoint(): LogPosition
  stats(): ProjectionRunnerStats
  /** Stops following; resolves when the batch in progress is applied and the state saved. */
  stop(): Promise<void>
  /** Settles when the runner stops: resolves after `stop`, rejects if loading, applying or saving failed. */
  readonly closed: Promise<void>
}

/**
 * At most this share of the time goes to saving snapshots: a snapshot that took 2 s to write (a big
 * model: it is the whole state) waits 20 s for the next one, however short `snapshotIntervalMs`.
 */
const SAVE_TIME_SHARE = 0.1

/**
 * Saves state and checkpoint together, at most every `snapshotIntervalMs` (longer when saving is
 * slow, see `SAVE_TIME_SHARE`), and on `flush` when something applied is not saved yet.
 */
const snapshotWriter = <S>(stateStore: ProjectionStateStore, projection: Projection<S>, options: { snapshotIntervalMs?: number; now?: () => number }) => {
  const interval = options.snapshotIntervalMs ?? DEFAULT_SNAPSHOT_INTERVAL_MS
  const now = options.now ?? Date.now
  let lastSave = -Infinity
  let gap = interval
  let unsaved = false
  const save = async (state: S, checkpoint: LogPosition) => {
    const started = now()
    await stateStore.save({ name: projection.name, version: projection.version, checkpoint, state })
    lastSave = now()
    gap = Math.max(interval, (lastSave - started) / SAVE_TIME_SHARE)
    unsaved = false
  }
  return {
    afterBatch: async (state: S, checkpoint: LogPosition) => {
      unsaved = true
      if (now() - lastSave >= gap) await save(state, checkpoint)
    },
    flush: async (state: S, checkpoint: LogPosition) => {
      if (unsaved) await save(state, checkpoint)
    },
  }
}

/** The state and checkpoint to resume from: the stored snapshot, or the start when it is missing or stale. */
export const resumePoint = async <S>(stateStore: ProjectionStateStore, projection: Projection<S>) => {
  const snapshot = await stateStore.load<S>(projection.name)
  return snapshot !== undefined && snapshot.version === projection.version
    ? { state: snapshot.state, checkpoint: snapshot.checkpoint, rebuilt: false }
    : { state: projection.init, checkpoint: START, rebuilt: true }
}

/** The two ends of a promise still to settle. */
interface Settlers {
  readonly resolve: () => void
  readonly reject: (error: unknown) => void
}

/**
 * Runs a projection over a store: resumes from its saved checkpoint, catches up into one private
 * copy (`catchUpState`), then follows live events, each batch in one pass (`applyBatch`). State and
 * checkpoint are saved together (one write, so a restart resumes exactly at a saved checkpoint) at
 * most every `snapshotIntervalMs` and on `stop`. A changed `projection.version` rebuilds from the
 * start.
 *
 * @example
 * const runner = createProjectionRunner({ store, stateStore: createInMemoryProjectionStateStore(), projection: incidentReadModelProjection })
 * await runner.start()
 * await runner.caughtUp()
 * activeIncidents(runner.state(), 'team-1')
 */
export const createProjectionRunner = <S>(options: ProjectionRunnerOptions<S>): ProjectionRunner<S> => {
  const { store, stateStore, projection } = options
  let state = projection.init
  let checkpoint = START
  let stats: ProjectionRunnerStats = { applied: 0, skipped: 0, batches: 0, rebuilt: false }
  let subscription: Subscription | undefined
  let waiters: Settlers[] = []
  let failure: { error: unknown } | undefined
  let settle: Settlers = { resolve: () => undefined, reject: () => undefined }
  const closed = new Promise<void>((resolve, reject) => (settle = { resolve, reject }))
  // One handler fails every waiting `caughtUp()`: a handler per call would stay on `closed`, with
  // its promise, until the runner closes (a long-lived runner asked after every command).
  closed.catch((error: unknown) => {
    failure = { error }
    const failed = waiters
    waiters = []
    failed.forEach((waiter) => waiter.reject(error))
  })

  const atEnd = async () => (await store.readAll({ after: checkpoint, limit: 1 })).events.length === 0
  const wakeWaitersIfAtEnd = async () => {
    if (waiters.length === 0 || !(await atEnd())) return
    const woken = waiters
    waiters = []
    woken.forEach((waiter) => waiter.resolve())
  }

  const snapshots = snapshotWriter(stateStore, projection, options)

  const handle = async (events: readonly RecordedEvent[], next: LogPosition) => {
    const result = applyBatch(projection, state, events, options.decode)
    state = result.state
    checkpoint = next
    await snapshots.afterBatch(state, checkpoint)
    stats = { ...stats, applied: stats.applied + result.applied, skipped: stats.skipped + result.skipped, batches: stats.batches + 1 }
    options.onBatch?.(state, checkpoint)
    await wakeWaitersIfAtEnd()
  }

  let stopping = false
  let starting: Promise<void> | undefined

  const catchUpThenFollow = async () => {
    const resumed = await resumePoint(stateStore, projection)
    const caught = await catchUpState({
      store,
      projection,
      from: resumed,
      batchSize: options.batchSize,
      decode: options.decode,
      afterBatch: snapshots.afterBatch,
      stopped: () => stopping,
    })
    state = caught.state
    checkpoint = caught.checkpoint
    stats = { applied: caught.applied, skipped: caught.skipped, batches: caught.batches, rebuilt: resumed.rebuilt }
    // Even when it applied nothing (an empty log, a snapshot at the end): this is how a listener gets the first state.
    options.onBatch?.(state, checkpoint)
    if (stopping) return
    subscription = store.subscribe({ after: checkpoint, handler: handle, batchSize: options.batchSize ?? DEFAULT_RUNNER_BATCH_SIZE })
    subscription.closed.then(settle.resolve, settle.reject)
    await wakeWaitersIfAtEnd()
  }

  // Once, however often it is called; a failure rejects `closed` (and `caughtUp`), not `start`.
  const start = () => (starting ??= catchUpThenFollow().catch(settle.reject))

  return {
    start,
    caughtUp: () =>
      new Promise<void>((resolve, reject) => {
        if (failure) return reject(failure.error)
        waiters.push({ resolve, reject })
        void wakeWaitersIfAtEnd().catch(reject)
      }),
    state: () => state,
    checkpoint: () => checkpoint,
    stats: () => stats,
    stop: async () => {
      stopping = true
      await starting
      await subscription?.close()
      await snapshots.flush(state, checkpoint)
      settle.resolve()
    },
    closed,
  }
}

export type CatchUpOptions<S> = Omit<ProjectionRunnerOptions<S>, 'store' | 'onBatch'> & {
  readonly store: Pick<EventStore, 'readAll'>
}

/**
 * Brings a projection up to the end of the log once, without following it (a CLI run, a cron job):
 * resumes from the snapshot, applies batch by batch, saves at the snapshot interval and at the end.
 *
 * @example
 * const { state } = await catchUpProjection({ store, stateStore, projection: incidentReadModelProjection })
 */
export const catchUpProjection = async <S>(options: CatchUpOptions<S>): Promise<{ state: S; checkpoint: LogPosition }> => {
  const { store, stateStore, projection } = options
  const snapshots = snapshotWriter(stateStore, projection, options)
  const from = await resumePoint(stateStore, projection)
  const { state, checkpoint } = await catchUpState({ ...options, store, projection, from, afterBatch: snapshots.afterBatch })
  await snapshots.flush(state, checkpoint)
  return { state, checkpoint }
}
