import type { CommandResponse, MattermostPost, PostProps } from '../../src/client/index.js'
import { newId } from './fake-ids.js'
import type { FakeEventSink } from './fake-route.js'
import { isChannelMember, storePost, type FakeEphemeralPost, type FakeState } from './fake-state.js'
import { emitPostEvent } from './fake-routes-posts.js'

/** Props a command reply may not set (GUIDE §4.3). */
const RESERVED_PROPS = ['from_webhook', 'from_bot', 'override_username', 'override_icon_url', 'attachments', 'webhook_display_name']

export interface ReplyTarget {
  readonly state: FakeState
  readonly emit: FakeEventSink
  readonly now: number
  readonly userId: string
  readonly channelId: string
  readonly via: FakeEphemeralPost['via']
}

/** What a command reply produced: posts everybody sees, and ephemeral messages for the invoker. */
export interface AppliedReply {
  readonly posts: MattermostPost[]
  readonly ephemeral: FakeEphemeralPost[]
  /** Set when Mattermost would show the user an error instead. */
  readonly error?: string
}

const replyProps = (response: CommandResponse): PostProps => {
  const props: Record<string, unknown> = { ...response.props }
  for (const key of RESERVED_PROPS) delete props[key]
  return {
    ...props,
    from_webhook: 'true',
    ...(response.attachments === undefined ? {} : { attachments: response.attachments.map((a) => ({ ...a, actions: a.actions?.map((action) => ({ ...action, id: action.id ?? newId() })) })) }),
  }
}

/**
 * Applies a CommandResponse as Mattermost does: `in_channel` becomes a post by the invoking user
 * (flagged `from_webhook`), anything else an ephemeral message; `extra_responses` one more each.
 *
 * @example
 * applyCommandResponse({ response_type: 'in_channel', text: 'Declared' }, target)
 */
export const applyCommandResponse = (response: CommandResponse, target: ReplyTarget, nested = false): AppliedReply => {
  const type = response.response_type ?? ''
  if (!['', 'ephemeral', 'in_channel'].includes(type)) return { posts: [], ephemeral: [], error: `invalid response_type ${type}` }
  if (response.type !== undefined && response.type !== '' && !response.type.startsWith('custom_')) {
    return { posts: [], ephemeral: [], error: `invalid post type ${response.type}` }
  }
  if (nested && (response.goto_location !== undefined || response.extra_responses !== undefined)) {
    return { posts: [], ephemeral: [], error: 'extra responses may not carry goto_location or extra_responses' }
  }
  const channelId = response.channel_id ?? target.channelId
  const posts: MattermostPost[] = []
  const ephemeral: FakeEphemeralPost[] = []
  const props = replyProps(response)
  if (type === 'in_channel') {
    const channel = target.state.channels.get(channelId)
    if (channel === undefined || !isChannelMember(target.state, channelId, target.userId)) {
      return { posts, ephemeral, error: `invoker may not post in channel ${channelId}` }
    }
    const hasAttachments = Array.isArray(props.attachments) && props.attachments.length > 0
    const post = storePost(target.state, { channel_id: channelId, user_id: target.userId, message: response.text ?? '', props, type: response.type ?? (hasAttachments ? 'slack_attachment' : '') }, target.now)
    emitPostEvent(target, 'posted', post, channel)
    posts.push(post)
  } else {
    const message: FakeEphemeralPost = { userId: target.userId, channelId, message: response.text ?? '', props, via: target.via }
    target.state.ephemeralPosts.push(message)
    ephemeral.push(message)
  }
  for (const extra of response.extra_responses ?? []) {
    const applied = applyCommandResponse(extra, target, true)
    if (applied.error !== undefined) return { posts, ephemeral, error: applied.error }
    posts.push(...applied.posts)
    ephemeral.push(...applied.ephemeral)
  }
  return { posts, ephemeral }
}

/** How Mattermost reads an integration's reply body: JSON when the media type says so, else text. */
export const readCommandReply = (contentType: string | null, body: string): CommandResponse | undefined => {
  const media = (contentType ?? '').split(';')[0]?.trim().toLowerCase()
  if (media !== 'application/json') return body === '' ? undefined : { response_type: 'ephemeral', text: body }
  try {
    const parsed = JSON.parse(body) as unknown
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as CommandResponse) : undefined
  } catch {
    return undefined
  }
}
