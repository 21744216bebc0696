import * as E from 'fp-ts/lib/Either.js'
import { checkpointedSubscription, decodeEvent, type CheckpointStore, type EventDecodeError, type EventStore, type RecordedEvent, type StoredEvent, type Subscription } from '@incident-kit/core'
import { isMattermostRequestError, isMattermostUnavailable, type MattermostLogger } from '../../client/index.js'
import { retryAfterOf, sleepUnlessAborted } from './retry-waits.js'

/** How a delivery of one event is attempted: `uncertain` when an earlier attempt may have reached Mattermost. */
export interface DeliveryAttempt {
  readonly uncertain: boolean
}

/** An error that means "not yet, try this event again later" (besides Mattermost being unavailable). */
export class DeliveryNotReady extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DeliveryNotReady'
  }
}

/**
 * True when trying again cannot help: Mattermost refused the request itself with a 4xx (403 no
 * permission, 404 the channel is gone, 400 a bad request). 408 and 429 only say "not now".
 *
 * @example
 * if (isRefusedForGood(error)) logger.warn({ channelId }, 'Mattermost refused the post')
 */
export const isRefusedForGood = (error: unknown): boolean =>
  isMattermostRequestError(error) && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429

/** How long a delivery may keep failing for reasons nobody recognised before its event is passed over. */
const PASS_OVER_AFTER_MS = 60 * 60_000

export interface CheckpointedDeliveryOptions {
  readonly name: string
  readonly store: EventStore
  readonly checkpoints: CheckpointStore
  readonly deliver: (event: StoredEvent, attempt: DeliveryAttempt) => Promise<void>
  /** Called once per batch after its events were delivered (e.g. to refresh the summary posts). */
  readonly afterBatch?: (events: readonly StoredEvent[]) => Promise<void>
  readonly logger: MattermostLogger
  /** First retry delay after a transient failure; doubles up to `maxRetryMs`. */
  readonly retryMs?: number
  readonly maxRetryMs?: number
  /** How long unrecognised failures of one event go on before it is passed over; an hour unless given. */
  readonly passOverAfterMs?: number
  /** The clock `passOverAfterMs` is measured by, in ms; `Date.now` unless given (tests step it). */
  readonly now?: () => number
}


/**
 * Delivers every event of the log exactly once to a side effect, across restarts and replicas (run
 * it in the leader only). The checkpoint is saved after each event, so at most the first event after
 * a restart may have been attempted before: it is delivered with `uncertain: true`, and so is any
 * retry, and the side effect looks for its own earlier post before posting again. Only Mattermost
 * refusing a request for good (`isRefusedForGood`) passes the event over at once. Everything else is
 * retried with backoff, and not before a 429's Retry-After: Mattermost down and `DeliveryNotReady`
 * for as long as they last; any other failure (the database, the network, a bug) for
 * `passOverAfterMs` of failures in a row, after which the event is passed over with an error line,
 * so one event that fails every time cannot stop the rest forever. Passing over saves the checkpoint:
 * when the database is still down that fails too, and the event comes again (core's
 * `checkpointedSubscription`, below), so a failing database stops nothing for good.
 *
 * @example
 * const delivery = startCheckpointedDelivery({ name: 'mattermost-notifier', store, checkpoints, deliver, logger })
 * await delivery.close()
 */
export const startCheckpointedDelivery = (options: CheckpointedDeliveryOptions): Subscription => {
  const controller = new AbortController()
  const retryMs = options.retryMs ?? 500
  const maxRetryMs = options.maxRetryMs ?? 30_000
  const passOverAfterMs = options.passOverAfterMs ?? PASS_OVER_AFTER_MS
  const now = options.now ?? Date.now
  let uncertain = true

  const deliverOne = async (event: StoredEvent) => {
    const about = { subscriber: options.name, eventId: event.id, type: event.type }
    let failingSince: number | undefined
    for (let delay = retryMs; !controller.signal.aborted; delay = Math.min(delay * 2, maxRetryMs)) {
      try {
        await options.deliver(event, { uncertain })
        uncertain = false
        return true
      } catch (error) {
        if (isRefusedForGood(error)) {
          options.logger.error({ ...about, err: String(error) }, 'Mattermost refused the delivery; event passed over')
          uncertain = false
          return true
        }
        // Waiting on Mattermost or on a channel is expected to end; only unexplained failures count.
        const explained = isMattermostUnavailable(error) || error instanceof DeliveryNotReady
        const failedAt = now()
        failingSince = explained ? undefined : (failingSince ?? failedAt)
        if (failingSince !== undefined && failedAt - failingSince >= passOverAfterMs) {
          options.logger.error({ ...about, failingForMs: failedAt - failingSince, err: String(error) }, 'delivery kept failing; event passed over')
          uncertain = false
          return true
        }
        uncertain = true
        // A 429's Retry-After says when Mattermost will take requests again: sooner is wasted.
        const wait = Math.max(delay, retryAfterOf(error))
        options.logger.warn({ ...about, retryInMs: wait, err: String(error) }, 'delivery postponed')
        await sleepUnlessAborted(wait, controller.signal)
      }
    }
    return false
  }

  // Unreadable events logged and not yet checkpointed: one line each, even when a failed save reads them again.
  const unreadableLogged = new Set<string>()
  /**
   * An event this version cannot read (a type it does not know, a newer schema version: a newer
   * replica wrote it during a rolling deploy) is passed over, so an old replica never blocks; it is
   * logged, since its messages will not be posted by this one.
   */
  const passOverUnreadable = (raw: RecordedEvent, error: EventDecodeError) => {
    if (unreadableLogged.has(raw.id)) return
    unreadableLogged.add(raw.id)
    options.logger.warn(
      { subscriber: options.name, eventId: raw.id, type: raw.type, schemaVersion: raw.schemaVersion, reason: error.reason, err: error.message },
      'event this version cannot read passed over',
    )
  }

  const handler = async (batch: readonly RecordedEvent[]) => {
    const delivered: StoredEvent[] = []
    for (const raw of batch) {
      const decoded = decodeEvent(raw)
      if (E.isRight(decoded)) {
        if (!(await deliverOne(decoded.right))) return
        delivered.push(decoded.right)
      } else passOverUnreadable(raw, decoded.left)
      await options.checkpoints.save(options.name, raw.position)
      unreadableLogged.delete(raw.id)
    }
    if (delivered.length === 0 || !options.afterBatch) return
    try {
      await options.afterBatch(delivered)
    } catch (error) {
      options.logger.warn({ subscriber: options.name, err: String(error) }, 'after-batch work failed')
    }
  }

  // The store wakes its subscribers on its own appends (this bot's commands) and finds other
  // replicas' appends by LISTEN/NOTIFY or polling (adapter-sql's `pollIntervalMs`). Its
  // subscription stops when reading the log or saving a checkpoint fails (the database restarted,
  // the SQLite file stayed locked): the delivery then starts again from its saved checkpoint after a
  // backoff, for as long as it runs, instead of leaving the bot silent until someone restarts it.
  const subscription = checkpointedSubscription({
    loadCheckpoint: () => options.checkpoints.load(options.name),
    follow: (after, deliver) => options.store.subscribe({ after, handler: deliver, batchSize: 50 }),
    deliver: handler,
    // Mattermost's failures are retried per event above; what stops the subscription is the log or
    // the checkpoints failing, and following again from the checkpoint may always succeed.
    isTransient: () => true,
    retryMs,
    maxRetryMs,
    onRestart: (error, retryInMs) => {
      // The event in hand when it stopped may have reached Mattermost.
      uncertain = true
      options.logger.error({ subscriber: options.name, retryInMs, err: String(error) }, 'delivery stopped; it resumes from its checkpoint')
    },
  })
  return {
    closed: subscription.closed,
    close: async () => {
      controller.abort()
      await subscription.close()
    },
  }
}
