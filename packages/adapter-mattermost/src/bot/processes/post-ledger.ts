import type { MattermostApi, MattermostPost } from '../../client/index.js'

/** The prop every post of the bot carries: which delivery (event and target) it is. */
export const DELIVERY_PROP = 'incident_kit_delivery'
/** The prop of an incident's pinned summary post: the incident id. */
export const SUMMARY_PROP = 'incident_kit_summary'

/** Finds the bot's earlier post in a channel by one of its props: the "checked before posting again". */
export interface PostLedger {
  findPost(channelId: string, prop: string, value: string): Promise<MattermostPost | undefined>
}

/** How many of a channel's latest posts are searched: one page of the API's maximum size. */
const LEDGER_DEPTH = 200

/**
 * Looks through a channel's latest posts for the bot's own one carrying `prop = value`. Anyone in
 * the channel can give a post any props: taking theirs would pin a stranger's post as the summary,
 * or skip a message as already posted. Only used after a restart or a failed attempt, so the common
 * path costs nothing; failures surface as the API's own errors (a transient one makes the caller
 * retry later).
 *
 * @example
 * const ledger = createPostLedger(api)
 * const earlier = await ledger.findPost(channelId, DELIVERY_PROP, `${event.id}:channel`)
 */
export const createPostLedger = (api: MattermostApi): PostLedger => ({
  findPost: async (channelId, prop, value) => {
    const [bot, posts] = await Promise.all([api.getMe(), api.listChannelPosts(channelId, { page: 0, perPage: LEDGER_DEPTH })])
    return posts.find((post) => post.user_id === bot.id && post.props?.[prop] === value && !post.delete_at)
  },
})
