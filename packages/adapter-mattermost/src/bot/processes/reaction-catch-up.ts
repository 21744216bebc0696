import type { CheckpointStore } from '@incident-kit/core'
import type { MattermostEventStreamStatus, MattermostReaction } from '../../client/index.js'
import type { BotDeps } from '../runtime/bot-deps.js'
import { scanMissedReactions } from './missed-reactions.js'
import { reactionsSeenUntil } from './reactions-seen-until.js'
import { sleepUnlessAborted } from './retry-waits.js'

export interface ReactionCatchUpOptions {
  readonly checkpoints: CheckpointStore
  /** How often, while connected, the time up to which reactions were seen is saved. */
  readonly saveEveryMs: number
  /** First pause before a catch-up that did not finish is tried again; doubles up to `maxRetryMs`. */
  readonly retryMs: number
  readonly maxRetryMs: number
}

/** Wired into the leader's event stream: catches up on trigger reactions nobody saw. */
export interface ReactionCatchUp {
  /** For `connectEvents({ onStatus })`: the first connection catches up from the saved time. */
  readonly onStatus: (status: MattermostEventStreamStatus) => void
  /**
   * For `connectEvents({ onResync })`: queues a catch-up from when the lost connection came up, or
   * widens the one already waiting, and returns at once (live events never wait for it); never throws.
   */
  readonly onResync: () => void
  /**
   * For `createChatEventHandler({ onTriggerReaction })`: the saved time stays before the reaction
   * until `handling` resolves; when it rejects, the reaction is looked for again until handled.
   */
  readonly onTriggerReaction: (reaction: MattermostReaction, handling: Promise<void>) => void
  /**
   * At once: stops a catch-up before its next channel or post and saves what was seen; then waits
   * for both. Call before closing the stream.
   */
  readonly stop: () => Promise<void>
}

/**
 * Makes sure every trigger reaction starts its incident although the WebSocket only delivers
 * what happens while it is up, and its handling may fail. Three gaps are covered, all by
 * `scanMissedReactions`:
 * - the time no leader was connected (the bot stopped, crashed, was deployed, or the replicas were
 *   between leaders): the leader keeps, durably, a time up to which every trigger reaction was
 *   handled, and a new leader's first connection looks from there (a first start ever has no such
 *   time and starts nothing from older reactions);
 * - a connection lost and not resumable (the stream resyncs): from when the lost one came up;
 * - a live trigger reaction whose handling failed (the database or Mattermost failed): from when it
 *   was made (starting an incident from a post is idempotent, so one handled twice is safe).
 *
 * The saved time only moves to a moment the current connection was already up at, once it has
 * stayed up for another save interval (pings would have noticed a silent death by then, and a
 * resync's catch-up would be running) and no catch-up is queued or unfinished, and never past a
 * trigger reaction still being handled or whose handling failed. A catch-up that
 * did not finish (Mattermost or the database failed) is tried again with backoff for as long as
 * this replica leads. While a resync's catch-up runs, the saved time goes back to where it looks
 * from; one that did not finish leaves it there for the next leader. Resyncs share one catch-up:
 * each attempt looks from the earliest lost connection not yet looked through, so reconnects while
 * it keeps failing do not pile up catch-ups, and the live events never wait for it.
 *
 * @example
 * const catchUp = createReactionCatchUp(deps, me.id, { checkpoints, saveEveryMs: 60_000, retryMs: 500, maxRetryMs: 30_000 })
 * const events = api.connectEvents({ onEvent, onStatus: catchUp.onStatus, onResync: catchUp.onResync })
 * // on shutdown: const stopping = catchUp.stop(); events.close(); await stopping
 */
export const createReactionCatchUp = (deps: BotDeps, botUserId: string, options: ReactionCatchUpOptions): ReactionCatchUp => {
  const now = () => Date.parse(deps.clock.now())
  const seen = reactionsSeenUntil(options.checkpoints, deps.logger)
  let status: MattermostEventStreamStatus = 'connecting'
  // The stream cannot tell when a connection silently died, only when it came up: a lost
  // connection is known good from then, and a resumed one replayed what it missed.
  let connectedAt: number | undefined
  let previousConnectedAt: number | undefined
  /** Every trigger reaction before it was handled; unknown until the first catch-up is done. */
  let seenUntil: number | undefined
  let catchUpsPending = 0
  let stopped = false
  const stopping = new AbortController()
  let running: Promise<void> = Promise.resolve()
  /** Taken at the previous save tick while connected; saved at the next one if still proven. */
  let sample: number | undefined
  /** When the trigger reactions being handled live were made. */
  const handling: number[] = []
  /** When the live trigger reactions whose handling failed were made, until a catch-up handled them. */
  const failed: number[] = []
  let recoveryQueued = false
  /** When the earliest lost connection came up that no attempt begun since its resync looked from. */
  let resyncFrom: number | undefined
  let resyncQueued = false

  /** `time`, or earlier when a trigger reaction before it is not handled yet. */
  const handledUntil = (time: number) => Math.min(time, ...handling, ...failed)
  const remember = (time: number) => {
    seenUntil = handledUntil(time)
    seen.save(seenUntil)
  }

  /** Tries `catchUp` until it completes or this replica stops leading. */
  const untilComplete = async (catchUp: () => Promise<boolean>) => {
    for (let delay = options.retryMs; !stopped; delay = Math.min(delay * 2, options.maxRetryMs)) {
      const complete = await catchUp()
      if (complete || stopped) return
      deps.logger.warn({ retryInMs: delay }, 'reaction catch-up did not finish: trying again')
      await sleepUnlessAborted(delay, stopping.signal)
    }
  }

  /**
   * Catch-ups run one after the other; until they are done nothing is known handled after their
   * start. Nobody waits for them but `stop()`: live events go on meanwhile.
   */
  const enqueue = (catchUp: () => Promise<boolean>) => {
    catchUpsPending += 1
    running = running.then(() => untilComplete(catchUp)).finally(() => {
      catchUpsPending -= 1
    })
  }

  const catchUpSinceSaved = (upAt: number) =>
    enqueue(async () => {
      let saved: number | undefined
      try {
        saved = await seen.load()
      } catch (error) {
        deps.logger.warn({ err: String(error) }, 'could not read up to when reactions were seen: reactions made before this replica led are looked for later')
        return false
      }
      if (saved === undefined) {
        deps.logger.info({}, 'no time saved up to which reactions were seen (a first start): nothing to catch up from')
      } else {
        const complete = await scanMissedReactions(deps, botUserId, { from: saved, missedWhen: 'before this replica led', isStopped: () => stopped })
        if (!complete) return false
      }
      // Reactions since the connection came up arrived through it.
      remember(upAt)
      return true
    })

  /** One catch-up, queued at a time, covers every failed reaction known when it (or its retry) starts. */
  const recoverFailed = () => {
    if (recoveryQueued) return
    recoveryQueued = true
    enqueue(async () => {
      recoveryQueued = false
      const covered = [...failed]
      if (covered.length === 0) return true
      const complete = await scanMissedReactions(deps, botUserId, { from: Math.min(...covered), missedWhen: 'when handling them failed', isStopped: () => stopped })
      if (complete) for (const at of covered) failed.splice(failed.indexOf(at), 1)
      return complete
    })
  }

  /**
   * One catch-up, queued or retrying, covers every resync: an attempt looks from the earliest lost
   * connection asked for before it began (it reads up to its own time), and one asked for during
   * an attempt is looked for by the next.
   */
  const catchUpResyncs = (from: number) => {
    resyncFrom = Math.min(from, resyncFrom ?? from)
    if (resyncQueued) return
    resyncQueued = true
    enqueue(async () => {
      while (resyncFrom !== undefined) {
        const covering = resyncFrom
        resyncFrom = undefined
        const complete = await scanMissedReactions(deps, botUserId, { from: covering, missedWhen: 'while disconnected', isStopped: () => stopped })
        if (!complete) {
          resyncFrom = Math.min(covering, resyncFrom ?? covering)
          return false
        }
      }
      resyncQueued = false
      return true
    })
  }

  const advance = (next: number | undefined) => {
    const healthy = status === 'connected' && catchUpsPending === 0
    const until = sample === undefined ? undefined : handledUntil(sample)
    if (healthy && until !== undefined && connectedAt !== undefined && seenUntil !== undefined && connectedAt <= until && until > seenUntil) remember(until)
    sample = next
  }
  const timer = setInterval(() => advance(status === 'connected' ? now() : undefined), options.saveEveryMs)

  return {
    onStatus: (next) => {
      status = next
      if (next !== 'connected' || stopped) return
      previousConnectedAt = connectedAt
      connectedAt = now()
      if (previousConnectedAt === undefined) catchUpSinceSaved(connectedAt)
    },
    onResync: () => {
      const from = previousConnectedAt
      if (stopped || from === undefined) return
      // Should this leader stop before the catch-up is done, the next one looks from there too.
      if (seenUntil !== undefined && seenUntil > from) remember(from)
      catchUpResyncs(from)
    },
    onTriggerReaction: (reaction, outcome) => {
      const at = reaction.create_at
      handling.push(at)
      const settle = () => void handling.splice(handling.indexOf(at), 1)
      outcome.then(settle, () => {
        settle()
        failed.push(at)
        // It may have been saved past already: the next leader must look from before it too.
        if (seenUntil !== undefined && seenUntil > at) remember(at)
        recoverFailed()
      })
    },
    stop: () => {
      stopped = true
      stopping.abort()
      clearInterval(timer)
      // Decided now, while the stream is up: waiting on a catch-up or a save first would leave the
      // leader's other work running after it may have lost the lead. A catch-up under way blocks it.
      advance(undefined)
      return running.then(() => seen.settled())
    },
  }
}
