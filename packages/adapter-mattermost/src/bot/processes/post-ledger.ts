import {
  MATTERMOST_UNAVAILABLE,
  MattermostRequestError,
  MattermostUnavailableError,
  type MattermostPost,
} from '../../client/index.js'

/** The prop every post of the bot carries: which delivery (event and target) it is. */
export const DELIVERY_PROP = 'incident_kit_delivery'
/** The prop of an incident's pinned summary post: the incident id. */
export const SUMMARY_PROP = 'incident_kit_summary'

/** Finds the bot's earlier post in a channel by one of its props: the "checked before posting again". */
export interface PostLedger {
  findPost(channelId: string, prop: string, value: string): Promise<MattermostPost | undefined>
}

export interface PostLedgerOptions {
  readonly url: string
  readonly token: string
  readonly fetch?: typeof fetch
  /** How many of the channel's latest posts are searched; 200 by default. */
  readonly depth?: number
}

/**
 * Reads a channel's latest posts (`GET /channels/{id}/posts`, which the API wrapper does not offer)
 * and finds the one carrying `prop = value`. Only used after a restart or a failed attempt, so the
 * common path costs nothing. Failures are reported like the wrapper's: 5xx, 429 and network errors
 * as `MATTERMOST_UNAVAILABLE` (try later), others as `MATTERMOST_REQUEST_REJECTED`; the token never
 * appears in a message.
 *
 * @example
 * const ledger = createPostLedger({ url: settings.mattermostUrl, token: settings.botToken })
 * const earlier = await ledger.findPost(channelId, DELIVERY_PROP, `${event.id}:0`)
 */
export const createPostLedger = (options: PostLedgerOptions): PostLedger => {
  const doFetch = options.fetch ?? fetch
  const perPage = Math.min(options.depth ?? 200, 200)
  return {
    findPost: async (channelId, prop, value) => {
      const path = `/api/v4/channels/${encodeURIComponent(channelId)}/posts`
      let response: Response
      try {
        response = await doFetch(`${options.url}${path}?page=0&per_page=${perPage}`, {
          headers: { Authorization: `Bearer ${options.token}`, 'X-Requested-With': 'XMLHttpRequest' },
          signal: AbortSignal.timeout(10_000),
        })
      } catch (error) {
        throw new MattermostUnavailableError(MATTERMOST_UNAVAILABLE, `GET ${path}: ${error instanceof Error ? error.name : 'network error'}`, 1, undefined)
      }
      if (response.status === 429 || response.status >= 500) {
        throw new MattermostUnavailableError(MATTERMOST_UNAVAILABLE, `GET ${path}: HTTP ${response.status}`, 1, undefined)
      }
      if (!response.ok) throw new MattermostRequestError(response.status, '', 'GET', path, `GET ${path}: HTTP ${response.status}`)
      const list = (await response.json()) as { posts?: Record<string, MattermostPost> }
      return Object.values(list.posts ?? {}).find((post) => post.props?.[prop] === value && !post.delete_at)
    },
  }
}
