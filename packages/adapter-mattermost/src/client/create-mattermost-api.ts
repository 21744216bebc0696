import { randomUUID } from 'node:crypto'
import { createUniqueChannel } from './create-unique-channel.js'
import { connectEventStream } from './event-stream.js'
import { MATTERMOST_FOREIGN_URL, MattermostUsageError, isMattermostRequestError } from './errors.js'
import { createHttpTransport, type HttpTransport } from './http-transport.js'
import { silentLogger } from './logger.js'
import type { MattermostApi, MattermostApiOptions, NewCommand, NewPost, PostPatch } from './mattermost-api.js'
import { createRedactor, type Redactor } from './redact.js'
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.js'
import { createTransportClient4 } from './transport-client4.js'
import type {
  MattermostChannel,
  MattermostChannelMember,
  MattermostCommand,
  MattermostPost,
  MattermostTeam,
  MattermostTeamMember,
  MattermostUser,
} from './types.js'

const DEFAULT_PAGE_SIZE = 60
const MAX_PAGE_SIZE = 200
const NOT_FOUND = 404
const API_PREFIX = /\/api\/v4\/?$/
const RESPONSE_URL_PATH = /^\/hooks\/commands\/[a-z0-9]+$/

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Builds the Mattermost API wrapper the bot talks through: `@mattermost/client`'s Client4 for
 * routes and payloads, our transport for retries and redaction, `ws` for the event stream.
 *
 * @example
 * const api = createMattermostApi({ url: 'https://chat.example.com', token: process.env.MATTERMOST_BOT_TOKEN!, logger: pino() })
 * const channel = await api.createChannel({ teamId, displayName: 'Incident 42: DB down' })
 * await api.createPost({ channelId: channel.id, message: 'Incident declared', props: { incident_id: '42' } })
 */
export const createMattermostApi = (options: MattermostApiOptions): MattermostApi => {
  const siteUrl = options.url.trim().replace(/\/+$/, '').replace(API_PREFIX, '')
  const redact = createRedactor([options.token])
  const logger = options.logger ?? silentLogger
  const transport = createHttpTransport({
    fetch: options.fetch ?? globalThis.fetch,
    now: options.now ?? Date.now,
    sleep: options.sleep ?? realSleep,
    random: options.random ?? Math.random,
    logger,
    redact,
  })
  return buildApi({ options, siteUrl, redact, transport }, { ...DEFAULT_RETRY_POLICY, ...options.retry })
}

interface ApiContext {
  readonly options: MattermostApiOptions
  readonly siteUrl: string
  readonly redact: Redactor
  readonly transport: HttpTransport
}

const buildApi = (context: ApiContext, policy: RetryPolicy): MattermostApi => {
  const { options, siteUrl, transport } = context
  const clientOptions = {
    siteUrl,
    token: options.token,
    transport,
    policy,
    ...(options.userAgent === undefined ? {} : { userAgent: options.userAgent }),
  }
  const client = createTransportClient4(clientOptions)
  // For the POSTs that are safe to send twice, so a lost answer is retried like a GET's.
  const repeatable = createTransportClient4({ ...clientOptions, idempotent: true })
  const segment = encodeURIComponent
  let me: Promise<MattermostUser> | undefined

  const postJson = async (url: string, body: unknown, authorized: boolean): Promise<unknown> => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' }
    if (authorized) headers.Authorization = `Bearer ${options.token}`
    const answer = await transport({ method: 'POST', url, headers, body: JSON.stringify(body) }, policy)
    return answer.body
  }

  const api: MattermostApi = {
    siteUrl,
    getMe: () => {
      me ??= (client.getMe() as Promise<MattermostUser>).catch((error: unknown) => {
        me = undefined
        throw error
      })
      return me
    },
    getUser: (userId) => client.getUser(segment(userId)) as Promise<MattermostUser>,
    getUserByUsername: (username) =>
      orUndefinedWhenMissing(client.getUserByUsername(segment(username.replace(/^@/, ''))) as Promise<MattermostUser>),
    getTeam: (teamId) => client.getTeam(segment(teamId)) as Promise<MattermostTeam>,
    getTeamByName: (name) => orUndefinedWhenMissing(client.getTeamByName(segment(name)) as Promise<MattermostTeam>),
    listMyTeams: () => client.getMyTeams() as Promise<MattermostTeam[]>,
    getTeamMember: (teamId, userId) =>
      orUndefinedWhenMissing(client.getTeamMember(segment(teamId), segment(userId)) as Promise<MattermostTeamMember>),

    createChannel: (channelOptions) =>
      createUniqueChannel(channelOptions, {
        create: (channel) => client.createChannel(channel) as Promise<MattermostChannel>,
        findByName: (teamId, name) => api.getChannelByName(teamId, name, { includeDeleted: true }),
        creatorId: async () => (await api.getMe()).id,
        now: options.now ?? Date.now,
      }),
    getChannel: (channelId) => client.getChannel(segment(channelId)) as Promise<MattermostChannel>,
    getChannelByName: (teamId, name, lookup) =>
      orUndefinedWhenMissing(
        client.getChannelByName(segment(teamId), segment(name), lookup?.includeDeleted ?? false) as Promise<MattermostChannel>,
      ),
    addChannelMember: (channelId, userId) =>
      repeatable.addToChannel(userId, segment(channelId)) as Promise<MattermostChannelMember>,
    getChannelMember: (channelId, userId) =>
      orUndefinedWhenMissing(client.getChannelMember(segment(channelId), segment(userId)) as Promise<MattermostChannelMember>),
    listMyChannels: (teamId) => client.getMyChannels(segment(teamId)) as Promise<MattermostChannel[]>,
    isChannelMember: async (channelId, userId) => (await api.getChannelMember(channelId, userId)) !== undefined,
    getDirectChannel: async (userId) => {
      const bot = await api.getMe()
      return repeatable.createDirectChannel([bot.id, userId]) as Promise<MattermostChannel>
    },

    // One pending_post_id per logical post: a retry after a lost answer is deduplicated by the server.
    createPost: (post) => repeatable.createPost({ ...toWirePost(post), pending_post_id: randomUUID() }) as Promise<MattermostPost>,
    getPost: (postId) => client.getPost(segment(postId)) as Promise<MattermostPost>,
    listChannelPosts: async (channelId, listing = {}) => {
      const query: Record<string, string> = listing.since === undefined
        ? { page: String(listing.page ?? 0), per_page: String(Math.min(listing.perPage ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)) }
        : { since: String(listing.since) }
      const url = `${client.getBaseRoute()}/channels/${segment(channelId)}/posts?${new URLSearchParams(query).toString()}`
      const answer = await transport({ method: 'GET', url, headers: { Authorization: `Bearer ${options.token}`, Accept: 'application/json' } }, policy)
      return oldestFirst(answer.body as PostList)
    },
    patchPost: (postId, patch) => client.patchPost({ id: segment(postId), ...toWirePatch(patch) }) as Promise<MattermostPost>,
    pinPost: async (postId) => {
      await repeatable.pinPost(segment(postId))
    },
    unpinPost: async (postId) => {
      await repeatable.unpinPost(segment(postId))
    },
    createEphemeralPost: (userId, post) =>
      client.createPostEphemeral(userId, toWirePost(post)) as Promise<MattermostPost>,

    openDialog: async (request) => {
      await postJson(`${client.getBaseRoute()}/actions/dialogs/open`, { trigger_id: request.triggerId, url: request.url, dialog: request.dialog }, true)
    },
    respond: async (responseUrl, response) => {
      await postJson(checkedResponseUrl(siteUrl, responseUrl, context.redact), response, false)
    },

    listCommands: (teamId) => client.getCustomTeamCommands(segment(teamId)) as Promise<MattermostCommand[]>,
    createCommand: (command) => client.addCommand(toWireCommand(command) as never) as Promise<MattermostCommand>,
    updateCommand: (command) => client.editCommand(command as never) as Promise<MattermostCommand>,

    connectEvents: (streamOptions) =>
      connectEventStream({
        siteUrl,
        token: options.token,
        logger: options.logger ?? silentLogger,
        redact: context.redact,
        random: options.random ?? Math.random,
        ...options.webSocket,
        ...streamOptions,
      }),
    withRetryPolicy: (override) => buildApi(context, { ...policy, ...override }),
  }
  return api
}

const orUndefinedWhenMissing = async <T>(request: Promise<T>): Promise<T | undefined> => {
  try {
    return await request
  } catch (error) {
    if (isMattermostRequestError(error, NOT_FOUND)) return undefined
    throw error
  }
}

/** `GET /channels/{id}/posts` answers `{order: newest first, posts: by id}`. */
interface PostList {
  readonly order: readonly string[]
  readonly posts: Readonly<Record<string, MattermostPost>>
}

const oldestFirst = (list: PostList): MattermostPost[] =>
  [...list.order]
    .reverse()
    .map((id) => list.posts[id])
    .filter((post): post is MattermostPost => post !== undefined)

const withAttachments = (
  props: Readonly<Record<string, unknown>> | undefined,
  attachments: NewPost['attachments'],
): Record<string, unknown> | undefined =>
  props === undefined && attachments === undefined ? undefined : { ...props, ...(attachments === undefined ? {} : { attachments }) }

const toWirePost = (post: NewPost) => {
  const props = withAttachments(post.props, post.attachments)
  return {
    channel_id: post.channelId,
    message: post.message,
    ...(post.rootId === undefined ? {} : { root_id: post.rootId }),
    ...(props === undefined ? {} : { props }),
  }
}

const toWirePatch = (patch: PostPatch) => {
  const props = withAttachments(patch.props, patch.attachments)
  return { ...(patch.message === undefined ? {} : { message: patch.message }), ...(props === undefined ? {} : { props }) }
}

const toWireCommand = (command: NewCommand) => ({
  team_id: command.teamId,
  trigger: command.trigger.replace(/^\//, '').toLowerCase(),
  url: command.url,
  method: command.method ?? 'P',
  display_name: command.displayName ?? '',
  description: command.description ?? '',
  username: command.username ?? '',
  icon_url: command.iconUrl ?? '',
  auto_complete: command.autoComplete ?? true,
  auto_complete_desc: command.autoCompleteDescription ?? '',
  auto_complete_hint: command.autoCompleteHint ?? '',
})

/** Only `{site}/hooks/commands/<id>` is a response URL; anything else could leak the reply elsewhere. */
const checkedResponseUrl = (siteUrl: string, responseUrl: string, redact: Redactor): string => {
  const site = new URL(siteUrl)
  let target: URL
  try {
    target = new URL(responseUrl)
  } catch {
    throw new MattermostUsageError(MATTERMOST_FOREIGN_URL, `response_url is not a URL: ${redact(responseUrl.slice(0, 200))}`)
  }
  const sitePath = site.pathname.replace(/\/+$/, '')
  const ownPath = target.pathname.startsWith(`${sitePath}/`) ? target.pathname.slice(sitePath.length) : ''
  if (target.origin !== site.origin || !RESPONSE_URL_PATH.test(ownPath)) {
    throw new MattermostUsageError(MATTERMOST_FOREIGN_URL, `response_url ${redact(target.origin + target.pathname)} is not a command response URL of ${siteUrl}`)
  }
  return target.toString()
}
