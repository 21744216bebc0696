import { incidentIdOfStream, type CheckpointStore, type StoredEvent } from '@incident-kit/core'
import { incidentDetail } from '@incident-kit/projections'
import { isMattermostRequestError, type MattermostApi } from '../../client/index.js'
import { incidentView, type RenderedView } from '../render/incident-view.js'
import { actionUrl, type BotDeps } from '../runtime/bot-deps.js'
import type { UserNames } from '../runtime/user-names.js'
import { SUMMARY_PROP, type PostLedger } from './post-ledger.js'
import { retryAfterOf, timerSafeMs } from './retry-waits.js'

/**
 * The key under which the summary post's id is kept (in the checkpoint store, as subscriber state).
 *
 * @example
 * await checkpoints.load(summaryPostKey(incidentId)) // the post id, once created
 */
export const summaryPostKey = (incidentId: string) => `mattermost-summary-post:${incidentId}`

/** What the summaries use of the bot. */
export type SummaryPostsDeps = Pick<BotDeps, 'settings' | 'model' | 'logger'> & {
  readonly api: Pick<MattermostApi, 'createPost' | 'patchPost' | 'pinPost' | 'getPost'>
  readonly names: Pick<UserNames, 'mention'>
}

export interface SummaryPostsOptions {
  readonly ledger: PostLedger
  readonly checkpoints: CheckpointStore
  /**
   * First delay before failed refreshes are tried again on their own, doubling up to `maxRetryMs`
   * (30 s unless given). Without it they wait for the next batch. Whoever gives it calls `close()`.
   */
  readonly retryMs?: number
  readonly maxRetryMs?: number
}

export interface SummaryPosts {
  /** Refreshes the summaries of the batch's incidents and of those whose refresh failed before. */
  refresh(events: readonly StoredEvent[]): Promise<void>
  /** Stops the retries and waits for a refresh under way; later refreshes do nothing. */
  close(): Promise<void>
}

/**
 * The pinned summary post of each incident channel, edited in place to show the live detail view
 * (the side panel inside Mattermost). Its id is kept in the checkpoint store; when it is missing
 * (first time, or a crash right after posting) the channel is searched for the post first, so
 * there is only ever one; a deleted summary is posted and pinned again. Every incident is refreshed
 * on its own: one that fails is remembered and refreshed again with the next batch (any
 * incident's), and after `retryMs` when given; one Mattermost refuses waits for its next change.
 *
 * @example
 * const summaries = createSummaryPosts(deps, { ledger, checkpoints, retryMs: 500 })
 * await summaries.refresh(batch) // after the notifier delivered a batch
 * await summaries.close()
 */
export const createSummaryPosts = (deps: SummaryPostsDeps, options: SummaryPostsOptions): SummaryPosts => {
  /** The summary post ids of active incidents, saving a checkpoint-store read per refresh. */
  const postIds = new Map<string, string>()
  /** Incidents whose summary may be behind the log: those of a batch, until refreshed. */
  const stale = new Set<string>()
  const maxRetryMs = options.maxRetryMs ?? 30_000
  let retryDelay = options.retryMs
  let retryTimer: NodeJS.Timeout | undefined
  let closed = false
  // One refresh at a time: a retry racing a batch could post a second summary.
  let running: Promise<void> = Promise.resolve()

  /** Finds the bot's summary in the channel (a crash right after posting) or posts it; pins it and saves its id. */
  const placeSummary = async (incidentId: string, channelId: string, view: RenderedView) => {
    const found = await options.ledger.findPost(channelId, SUMMARY_PROP, incidentId)
    const post =
      found ??
      (await deps.api.createPost({ channelId, message: view.message, props: { [SUMMARY_PROP]: incidentId }, attachments: view.attachments }))
    if (!post.is_pinned) await deps.api.pinPost(post.id)
    await options.checkpoints.save(summaryPostKey(incidentId), post.id)
    postIds.set(incidentId, post.id)
    return { id: post.id, created: found === undefined }
  }

  /*
   * Whether a failed patch of the summary means someone deleted it. Mattermost answers a patch of a
   * post it cannot find with a permission error (403), as for a post the bot may not edit; older
   * servers and the fake say 404. A 403 is a deletion only when the post cannot be read either.
   */
  const summaryDeleted = async (postId: string, patchError: unknown) => {
    if (isMattermostRequestError(patchError, 404)) return true
    if (!isMattermostRequestError(patchError, 403)) return false
    try {
      await deps.api.getPost(postId)
      return false
    } catch (error) {
      if (isMattermostRequestError(error, 404)) return true
      throw error
    }
  }

  /** Edits the summary in place, or posts it when there is none (first time, or deleted). */
  const writeSummary = async (incidentId: string, channelId: string, view: RenderedView) => {
    const patch = (postId: string) => deps.api.patchPost(postId, { message: view.message, props: { [SUMMARY_PROP]: incidentId }, attachments: view.attachments })
    const known = postIds.get(incidentId) ?? (await options.checkpoints.load(summaryPostKey(incidentId)))
    if (known) {
      try {
        await patch(known)
        postIds.set(incidentId, known)
        return
      } catch (error) {
        if (!(await summaryDeleted(known, error))) throw error
        // Someone deleted the summary: a new one is posted, as when the channel was created.
        postIds.delete(incidentId)
      }
    }
    const post = await placeSummary(incidentId, channelId, view)
    if (!post.created) await patch(post.id)
  }

  const refreshOne = async (incidentId: string) => {
    const detail = incidentDetail(deps.model.current(), incidentId)
    if (!detail || detail.channel.id === null) return
    const target = { actionUrl: actionUrl(deps.settings), secret: deps.settings.signingSecret, incidentId, channelId: detail.channel.id }
    try {
      await writeSummary(incidentId, detail.channel.id, await incidentView(detail, target, deps.names.mention))
    } finally {
      // Only active incidents keep their post id in memory, so it does not grow with every incident
      // ever run; an ended one that changes again (reopened, a late note) reads it back from the store.
      // Also when its final refresh failed: a refused one is not tried again, a retry reads it back.
      if (detail.status === 'ended') postIds.delete(incidentId)
    }
  }

  /** Refreshes every stale incident; returns those that failed, each with its error. */
  const refreshStale = async () => {
    try {
      await deps.model.refresh()
    } catch (error) {
      return [...stale].map((incidentId) => ({ incidentId, error }))
    }
    const failures: Array<{ incidentId: string; error: unknown }> = []
    for (const incidentId of [...stale]) {
      // Closed when leadership is lost: another replica may be posting summaries already.
      if (closed) break
      try {
        await refreshOne(incidentId)
        stale.delete(incidentId)
      } catch (error) {
        if (!isMattermostRequestError(error)) failures.push({ incidentId, error })
        else {
          // Asking again would get the same answer (no access to the channel, say): its next change asks again.
          stale.delete(incidentId)
          deps.logger.warn({ incidentId, status: error.status, err: String(error) }, "Mattermost refused the incident's summary; it is refreshed at the incident's next change")
        }
      }
    }
    return failures
  }

  /**
   * When the stale summaries are tried again without a batch, if they are; not before the wait the
   * transport last computed (a 429's Retry-After). Returns the wait scheduled, capped for the timer.
   */
  const scheduleRetry = (failures: ReadonlyArray<{ error: unknown }>) => {
    if (closed || retryDelay === undefined || stale.size === 0) return undefined
    const retryAfterMs = Math.max(0, ...failures.map(({ error }) => retryAfterOf(error)))
    const wait = timerSafeMs(Math.max(retryDelay, retryAfterMs))
    retryDelay = Math.min(retryDelay * 2, maxRetryMs)
    clearTimeout(retryTimer)
    retryTimer = setTimeout(() => void refreshInTurn(), wait)
    return wait
  }

  const refreshInTurn = () => {
    running = running.then(async () => {
      if (closed || stale.size === 0) return
      const failures = await refreshStale()
      if (stale.size === 0) retryDelay = options.retryMs
      const retryInMs = scheduleRetry(failures)
      for (const { incidentId, error } of failures) {
        deps.logger.warn({ incidentId, retryInMs, err: String(error) }, 'summary refresh failed; it is tried again with the next batch (or after retryInMs)')
      }
    })
    return running
  }

  return {
    refresh: (events) => {
      for (const event of events) {
        const incidentId = incidentIdOfStream(event.streamId)
        if (incidentId !== undefined) stale.add(incidentId)
      }
      return refreshInTurn()
    },
    close: async () => {
      closed = true
      clearTimeout(retryTimer)
      await running
    },
  }
}
