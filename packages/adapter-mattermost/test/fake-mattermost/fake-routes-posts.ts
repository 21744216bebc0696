import type { MattermostChannel, MattermostPost, MessageAttachment, PostProps } from '../../src/client/index.js'
import { appError, forbidden, invalidParam, notFound, ok, runeLength } from './fake-http.js'
import { newId } from './fake-ids.js'
import { asRecord, asString, type FakeRouteContext, type FakeRouteTable } from './fake-route.js'
import { canReadChannel, isChannelMember, isSystemAdmin, postForClient, postWithMetadata, storePost } from './fake-state.js'

const POST_MESSAGE_MAX_RUNES = 16_383
const POST_PROPS_MAX_RUNES = 800_000
const POST_MISSING = 'app.post.get.app_error'
const ACTION_ID = /^[A-Za-z0-9]+$/
const INTEGRATION_URL = /^(https?:\/\/|\/plugins\/)/

/** Server-side preparation of props: action ids assigned, attachments flagged, odd actions reported. */
const prepareProps = (context: FakeRouteContext, props: Record<string, unknown>): PostProps => {
  const attachments = props.attachments
  if (!Array.isArray(attachments)) return props
  const prepared = (attachments as MessageAttachment[]).map((attachment) => ({
    ...attachment,
    ...(attachment.actions === undefined
      ? {}
      : {
          actions: attachment.actions.map((action) => {
            if (action.id !== undefined && action.id !== '' && !ACTION_ID.test(action.id)) {
              context.contractViolation(`action id "${action.id}" is not alphanumeric: clicks on it would answer 404`)
            }
            if (action.integration !== undefined && !INTEGRATION_URL.test(action.integration.url)) {
              context.contractViolation(`action integration url "${action.integration.url}" is not http(s) or /plugins/`)
            }
            if (asString(action.name) === '') context.contractViolation('action without a name')
            return { ...action, id: action.id === undefined || action.id === '' ? newId() : action.id }
          }),
        }),
  }))
  return { ...props, attachments: prepared }
}

const sizeProblem = (message: string, props: unknown) => {
  if (runeLength(message) > POST_MESSAGE_MAX_RUNES) {
    return appError(400, 'model.post.is_valid.message_length.app_error', 'Invalid Message property length.')
  }
  if (runeLength(JSON.stringify(props ?? {})) > POST_PROPS_MAX_RUNES) {
    return appError(400, 'model.post.is_valid.props.app_error', 'Invalid Props.')
  }
  return undefined
}

/** Broadcasts a post event the way the server does: the post as a JSON string. */
export const emitPostEvent = (context: Pick<FakeRouteContext, 'emit' | 'state'>, event: 'posted' | 'post_edited', post: MattermostPost, channel: MattermostChannel): void => {
  const sender = context.state.users.get(post.user_id)
  context.emit(
    event,
    {
      post: JSON.stringify(postForClient(post)),
      channel_type: channel.type,
      channel_name: channel.name,
      channel_display_name: channel.display_name,
      sender_name: `@${sender?.username ?? ''}`,
      team_id: channel.team_id,
      set_online: true,
    },
    { channel_id: channel.id },
  )
}

const editablePost = (context: FakeRouteContext): MattermostPost | ReturnType<typeof forbidden> => {
  const post = context.state.posts.get(context.params.post_id ?? '')
  if (post === undefined) return notFound(POST_MISSING, 'Post')
  const channel = context.state.channels.get(post.channel_id)
  if (channel === undefined || !canReadChannel(context.state, channel, context.userId)) return forbidden()
  return post
}

const isAnswer = (value: unknown): value is ReturnType<typeof forbidden> => typeof value === 'object' && value !== null && 'status' in value && 'body' in value

const setPinned = (pinned: boolean) => (context: FakeRouteContext) => {
  const post = editablePost(context)
  if (isAnswer(post)) return post
  if (!isChannelMember(context.state, post.channel_id, context.userId)) return forbidden()
  const updated = { ...post, is_pinned: pinned, update_at: context.now }
  context.state.posts.set(post.id, updated)
  emitPostEvent(context, 'post_edited', updated, context.state.channels.get(post.channel_id) as MattermostChannel)
  return ok({ status: 'OK' })
}

const DEFAULT_PER_PAGE = 60
/** How long the server remembers a `pending_post_id` (app/post.go, PendingPostIDsCacheTTL). */
const PENDING_POST_ID_TTL_MS = 30_000

/** The post an earlier request with the same `pending_post_id` created, within the TTL. */
const alreadyCreated = (context: FakeRouteContext, pendingPostId: string): MattermostPost | undefined => {
  const seen = pendingPostId === '' ? undefined : context.state.pendingPostIds.get(pendingPostId)
  if (seen === undefined || context.now - seen.seenAt > PENDING_POST_ID_TTL_MS) return undefined
  return context.state.posts.get(seen.postId)
}

/** `GET /channels/{id}/posts`: newest first, paged, or everything touched since `since`. */
const listChannelPosts = (context: FakeRouteContext) => {
  const channel = context.state.channels.get(context.params.channel_id ?? '')
  if (channel === undefined) return notFound('app.channel.get.existing.app_error', 'Channel')
  if (!canReadChannel(context.state, channel, context.userId)) return forbidden()
  const newestFirst = [...context.state.posts.values()]
    .reverse()
    .filter((post) => post.channel_id === channel.id && (post.delete_at ?? 0) === 0)
    .sort((a, b) => b.create_at - a.create_at)
  const since = context.query.get('since')
  const page = Number(context.query.get('page') ?? '0')
  const perPage = Number(context.query.get('per_page') ?? String(DEFAULT_PER_PAGE))
  const selected = since === null ? newestFirst.slice(page * perPage, (page + 1) * perPage) : newestFirst.filter((post) => post.update_at >= Number(since))
  return ok({
    order: selected.map((post) => post.id),
    posts: Object.fromEntries(selected.map((post) => [post.id, postWithMetadata(context.state, post)])),
    next_post_id: '',
    prev_post_id: '',
    has_next: false,
  })
}

/** Posts: create, read, list, patch, pin, ephemeral. */
export const postRoutes: FakeRouteTable = {
  'GET /api/v4/channels/{channel_id}/posts': listChannelPosts,
  'POST /api/v4/posts': (context) => {
    const body = asRecord(context.body)
    const duplicate = alreadyCreated(context, asString(body.pending_post_id))
    if (duplicate !== undefined) return ok(postForClient(duplicate), 201)
    const channel = context.state.channels.get(asString(body.channel_id))
    if (channel === undefined) return invalidParam('channel_id')
    const author = context.state.users.get(context.userId)
    if (!isChannelMember(context.state, channel.id, context.userId) && !isSystemAdmin(author)) return forbidden()
    const message = asString(body.message)
    const problem = sizeProblem(message, body.props)
    if (problem !== undefined) return problem
    const rootId = asString(body.root_id)
    const root = rootId === '' ? undefined : context.state.posts.get(rootId)
    // A reply names its thread's root: the server refuses a root that is itself a reply.
    if (rootId !== '' && (root?.channel_id !== channel.id || root.root_id !== '')) return invalidParam('root_id')
    const props = prepareProps(context, { ...asRecord(body.props), ...(author?.is_bot === true ? { from_bot: 'true' } : {}) })
    const hasAttachments = Array.isArray(props.attachments) && props.attachments.length > 0
    const post = storePost(
      context.state,
      { channel_id: channel.id, user_id: context.userId, message, root_id: rootId, props, type: hasAttachments ? 'slack_attachment' : '' },
      context.now,
    )
    emitPostEvent(context, 'posted', post, channel)
    const pendingPostId = asString(body.pending_post_id)
    if (pendingPostId !== '') context.state.pendingPostIds.set(pendingPostId, { postId: post.id, seenAt: context.now })
    return ok(postForClient(post), 201)
  },
  'GET /api/v4/posts/{post_id}': (context) => {
    const post = editablePost(context)
    return isAnswer(post) ? post : ok(postWithMetadata(context.state, post))
  },
  'PUT /api/v4/posts/{post_id}/patch': (context) => {
    // Mattermost answers a patch of a post it cannot find (a deleted one) with a permission error,
    // as for a post the user may not edit: api4's patchPost turns a failed lookup into a 403.
    // Checked here, before `editablePost`, whose 404 stays right for the other routes (get, pin, unpin).
    if (!context.state.posts.has(context.params.post_id ?? '')) return forbidden()
    const post = editablePost(context)
    if (isAnswer(post)) return post
    if (post.user_id !== context.userId && !isSystemAdmin(context.state.users.get(context.userId))) return forbidden()
    const body = asRecord(context.body)
    const message = typeof body.message === 'string' ? body.message : post.message
    const problem = sizeProblem(message, body.props)
    if (problem !== undefined) return problem
    const props = body.props === undefined || body.props === null ? post.props : prepareProps(context, asRecord(body.props))
    const updated: MattermostPost = {
      ...post,
      message,
      props,
      ...(typeof body.is_pinned === 'boolean' ? { is_pinned: body.is_pinned } : {}),
      edit_at: context.now,
      update_at: context.now,
    }
    context.state.posts.set(post.id, updated)
    emitPostEvent(context, 'post_edited', updated, context.state.channels.get(post.channel_id) as MattermostChannel)
    return ok(postForClient(updated))
  },
  'POST /api/v4/posts/{post_id}/pin': setPinned(true),
  'POST /api/v4/posts/{post_id}/unpin': setPinned(false),
  'POST /api/v4/posts/ephemeral': (context) => {
    if (!isSystemAdmin(context.state.users.get(context.userId))) return forbidden()
    const body = asRecord(context.body)
    const post = asRecord(body.post)
    const userId = asString(body.user_id)
    const channelId = asString(post.channel_id)
    if (!context.state.users.has(userId)) return invalidParam('user_id')
    if (!context.state.channels.has(channelId)) return invalidParam('channel_id')
    const props = asRecord(post.props)
    context.state.ephemeralPosts.push({ userId, channelId, message: asString(post.message), props, via: 'api' })
    const answer: MattermostPost = {
      id: newId(),
      channel_id: channelId,
      user_id: context.userId,
      root_id: asString(post.root_id),
      message: asString(post.message),
      type: 'system_ephemeral',
      props,
      create_at: context.now,
      update_at: context.now,
    }
    context.emit('ephemeral_message', { post: JSON.stringify(answer) }, { user_id: userId })
    return ok(answer, 201)
  },
}
