import { incidentIdOfStream, type CheckpointStore, type StoredEvent } from '@incident-kit/core'
import { incidentDetail } from '@incident-kit/projections'
import { incidentView, type RenderedView } from '../render/incident-view.js'
import { actionUrl, type BotDeps } from '../runtime/bot-deps.js'
import { SUMMARY_PROP, type PostLedger } from './post-ledger.js'

/**
 * The key under which the summary post's id is kept (in the checkpoint store, as subscriber state).
 *
 * @example
 * await checkpoints.load(summaryPostKey(incidentId)) // the post id, once created
 */
export const summaryPostKey = (incidentId: string) => `mattermost-summary-post:${incidentId}`

/**
 * The pinned summary post of each incident channel, edited in place to show the live detail view
 * (the side panel inside Mattermost). Its id is kept in the checkpoint store; when it is missing
 * (first time, or a crash right after posting) the channel is searched for the post first, so
 * there is only ever one.
 *
 * @example
 * const summaries = createSummaryPosts(deps, { ledger, checkpoints })
 * await summaries.refresh(batch) // after the notifier delivered a batch
 */
export const createSummaryPosts = (deps: BotDeps, options: { ledger: PostLedger; checkpoints: CheckpointStore }) => {
  const postIds = new Map<string, string>()

  const summaryPostId = async (incidentId: string, channelId: string, view: RenderedView) => {
    const cached = postIds.get(incidentId) ?? (await options.checkpoints.load(summaryPostKey(incidentId)))
    if (cached) {
      postIds.set(incidentId, cached)
      return { id: cached, created: false }
    }
    const found = await options.ledger.findPost(channelId, SUMMARY_PROP, incidentId)
    const post =
      found ??
      (await deps.api.createPost({ channelId, message: view.message, props: { [SUMMARY_PROP]: incidentId }, attachments: view.attachments }))
    if (!post.is_pinned) await deps.api.pinPost(post.id)
    await options.checkpoints.save(summaryPostKey(incidentId), post.id)
    postIds.set(incidentId, post.id)
    return { id: post.id, created: found === undefined }
  }

  const refreshOne = async (incidentId: string) => {
    const detail = incidentDetail(deps.model.current(), incidentId)
    if (!detail || detail.channel.id === null) return
    const target = { actionUrl: actionUrl(deps.settings), secret: deps.settings.signingSecret, incidentId, channelId: detail.channel.id }
    const view = await incidentView(detail, target, deps.names.mention)
    const post = await summaryPostId(incidentId, detail.channel.id, view)
    if (!post.created) await deps.api.patchPost(post.id, { message: view.message, props: { [SUMMARY_PROP]: incidentId }, attachments: view.attachments })
  }

  return {
    refresh: async (events: readonly StoredEvent[]) => {
      await deps.model.refresh()
      const incidents = new Set(events.flatMap((e) => incidentIdOfStream(e.streamId) ?? []))
      for (const incidentId of incidents) await refreshOne(incidentId)
    },
  }
}
