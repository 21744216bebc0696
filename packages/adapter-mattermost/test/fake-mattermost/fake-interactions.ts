import type { Dialog, MattermostPost, PostAction } from '../../src/client/index.js'
import type { FakeOpenedDialog } from './fake-state.js'
import { readCommandReply } from './fake-command-replies.js'
import { mintTrigger, type FakeCaller } from './fake-slash-commands.js'
import { emitPostEvent } from './fake-routes-posts.js'
import { canReadChannel, postForClient, putChannelMember, storePost, type FakeEphemeralPost } from './fake-state.js'

const ACTION_ID = /^[A-Za-z0-9]+$/
const INTEGRATION_TIMEOUT_MS = 30_000
/** Flags an `update` may not clear (GUIDE §5). */
const RETAINED_PROPS = ['from_bot', 'from_webhook', 'override_username', 'override_icon_url']

export interface ButtonClickOptions {
  readonly userId: string
  readonly postId: string
  readonly actionId: string
  readonly selectedOption?: string
  /** Replace the stored context (a forged click that bypassed Mattermost). */
  readonly contextOverride?: Readonly<Record<string, unknown>>
}

export interface ButtonClickOutcome {
  /** What the clicking client gets: 200, or 400 `api.post.do_action.action_integration.app_error`. */
  readonly status: number
  readonly integrationStatus: number | undefined
  readonly triggerId: string
  readonly reply: Readonly<Record<string, unknown>> | undefined
  readonly updatedPost: MattermostPost | undefined
  readonly ephemeral: FakeEphemeralPost[]
}

const postJson = async (url: string, payload: unknown): Promise<{ status: number; contentType: string | null; body: string } | undefined> => {
  try {
    const answer = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload), signal: AbortSignal.timeout(INTEGRATION_TIMEOUT_MS) })
    return { status: answer.status, contentType: answer.headers.get('content-type'), body: await answer.text() }
  } catch {
    return undefined
  }
}

const findAction = (post: MattermostPost, actionId: string): PostAction | undefined =>
  (post.props.attachments ?? []).flatMap((attachment) => attachment.actions ?? []).find((action) => action.id === actionId)

/**
 * Clicks a button (or picks a select option) on a stored post, as Mattermost relays it to the
 * action's integration URL (GUIDE §5), then applies `update` and `ephemeral_text` from the reply.
 *
 * @example
 * const outcome = await clickButton(caller, { userId: alice.id, postId, actionId: 'check3' })
 */
export const clickButton = async (caller: FakeCaller, options: ButtonClickOptions): Promise<ButtonClickOutcome> => {
  const { state } = caller
  const post = state.posts.get(options.postId)
  const channel = post === undefined ? undefined : state.channels.get(post.channel_id)
  const user = state.users.get(options.userId)
  const triggerId = mintTrigger(caller, options.userId)
  const failed = (status: number): ButtonClickOutcome => ({ status, integrationStatus: undefined, triggerId, reply: undefined, updatedPost: undefined, ephemeral: [] })
  if (!ACTION_ID.test(options.actionId)) return failed(404)
  if (post === undefined || channel === undefined || user === undefined) return failed(404)
  if (!canReadChannel(state, channel, user.id)) return failed(403)
  const action = findAction(post, options.actionId)
  if (action?.integration === undefined) return failed(404)
  const context = { ...(options.contextOverride ?? action.integration.context), ...(options.selectedOption === undefined ? {} : { selected_option: options.selectedOption }) }
  const team = state.teams.get(channel.team_id)
  const answer = await postJson(action.integration.url, {
    user_id: user.id, user_name: user.username, channel_id: channel.id, channel_name: channel.name, team_id: channel.team_id,
    team_domain: team?.name ?? '', post_id: post.id, trigger_id: triggerId, type: action.type ?? 'button', data_source: action.data_source ?? '', context,
  })
  if (answer === undefined || answer.status !== 200) return { ...failed(400), integrationStatus: answer?.status }
  const reply = answer.body === '' ? {} : (readCommandReply(answer.contentType, answer.body) as Record<string, unknown> | undefined)
  if (reply === undefined) return { ...failed(400), integrationStatus: answer.status }
  const ephemeral: FakeEphemeralPost[] = []
  if (typeof reply.ephemeral_text === 'string' && reply.ephemeral_text !== '') {
    const message: FakeEphemeralPost = { userId: user.id, channelId: channel.id, message: reply.ephemeral_text, props: {}, via: 'action_reply' }
    state.ephemeralPosts.push(message)
    ephemeral.push(message)
  }
  const update = reply.update as { message?: string; props?: Record<string, unknown> | null } | undefined
  let updatedPost: MattermostPost | undefined
  if (update !== undefined && update !== null) {
    const retained = Object.fromEntries(RETAINED_PROPS.filter((key) => key in post.props).map((key) => [key, post.props[key]]))
    const props = update.props === undefined || update.props === null ? post.props : { ...update.props, ...retained }
    updatedPost = { ...post, message: update.message ?? post.message, props, edit_at: caller.now(), update_at: caller.now() }
    state.posts.set(post.id, updatedPost)
    emitPostEvent(caller, 'post_edited', updatedPost, channel)
  }
  return { status: 200, integrationStatus: answer.status, triggerId, reply, updatedPost: updatedPost && postForClient(updatedPost), ephemeral }
}

export interface DialogSubmitOptions {
  readonly userId: string
  readonly channelId: string
  readonly submission: Readonly<Record<string, unknown>>
  readonly cancelled?: boolean
  /** Default: the last dialog opened for this user. */
  readonly dialog?: FakeOpenedDialog
}

export interface DialogSubmitOutcome {
  readonly status: number
  /** True when the dialog closes (empty body or `{}`); false when errors keep it open. */
  readonly closed: boolean
  readonly reply: Readonly<Record<string, unknown>> | undefined
}

/**
 * Submits (or cancels) the user's last opened dialog the way Mattermost posts it (GUIDE §6.3).
 *
 * @example
 * await submitDialog(caller, { userId: alice.id, channelId, submission: { name: 'DB down', severity: 'sev1' } })
 */
export const submitDialog = async (caller: FakeCaller, options: DialogSubmitOptions): Promise<DialogSubmitOutcome> => {
  const opened = options.dialog ?? caller.state.dialogsOpened.filter((entry) => entry.userId === options.userId).at(-1)
  if (opened === undefined) throw new Error(`fake Mattermost: no dialog was opened for user ${options.userId}`)
  const dialog: Dialog = opened.dialog
  const channel = caller.state.channels.get(options.channelId)
  const cancelled = options.cancelled === true
  if (cancelled && dialog.notify_on_cancel !== true) return { status: 200, closed: true, reply: undefined }
  const answer = await postJson(opened.url, {
    type: 'dialog_submission', callback_id: dialog.callback_id ?? '', state: dialog.state ?? '', user_id: options.userId,
    channel_id: options.channelId, team_id: channel?.team_id ?? '', submission: cancelled ? {} : options.submission, cancelled,
  })
  if (answer === undefined || answer.status !== 200) return { status: 400, closed: false, reply: undefined }
  if (answer.body.trim() === '') return { status: 200, closed: true, reply: undefined }
  const reply = readCommandReply(answer.contentType, answer.body) as Record<string, unknown> | undefined
  if (reply === undefined) return { status: 400, closed: false, reply: undefined }
  const keepsOpen = reply.errors !== undefined || reply.error !== undefined || reply.type === 'form'
  return { status: 200, closed: !keepsOpen, reply }
}

/**
 * A person reacts to a post: stored, the post's `update_at` moved (so `since` listings return it,
 * as the server's reaction store does), and `reaction_added` broadcast to the channel.
 */
export const addReaction = (caller: FakeCaller, options: { userId: string; postId: string; emoji: string }): void => {
  const post = caller.state.posts.get(options.postId)
  if (post === undefined) throw new Error(`fake Mattermost: no post ${options.postId}`)
  const reaction = { user_id: options.userId, post_id: post.id, emoji_name: options.emoji, create_at: caller.now() }
  caller.state.reactions.push(reaction)
  caller.state.posts.set(post.id, { ...post, update_at: reaction.create_at })
  caller.emit('reaction_added', { reaction: JSON.stringify(reaction) }, { channel_id: post.channel_id })
}

/** A person joins a channel by themselves: membership stored and `user_added` broadcast. */
export const joinChannel = (caller: FakeCaller, options: { userId: string; channelId: string }): void => {
  const channel = caller.state.channels.get(options.channelId)
  if (channel === undefined) throw new Error(`fake Mattermost: no channel ${options.channelId}`)
  const { added } = putChannelMember(caller.state, channel.id, options.userId, caller.now())
  if (added) caller.emit('user_added', { user_id: options.userId, team_id: channel.team_id }, { channel_id: channel.id })
}

/** A person writes in a channel (in a thread when `rootId` names its root): stored and `posted` broadcast. */
export const postAsUser = (caller: FakeCaller, options: { userId: string; channelId: string; message: string; rootId?: string }): MattermostPost => {
  const channel = caller.state.channels.get(options.channelId)
  if (channel === undefined) throw new Error(`fake Mattermost: no channel ${options.channelId}`)
  const post = storePost(caller.state, { channel_id: channel.id, user_id: options.userId, message: options.message, root_id: options.rootId ?? '' }, caller.now())
  emitPostEvent(caller, 'posted', post, channel)
  return post
}
