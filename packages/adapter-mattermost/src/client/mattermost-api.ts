import type { MattermostEventStream, MattermostEventStreamOptions } from './events.js'
import type { MattermostLogger } from './logger.js'
import type { RetryPolicy } from './retry-policy.js'
import type {
  CommandResponse,
  Dialog,
  MattermostChannel,
  MattermostChannelMember,
  MattermostCommand,
  MattermostPost,
  MattermostTeam,
  MattermostTeamMember,
  MattermostUser,
  MessageAttachment,
} from './types.js'

/**
 * Everything the incident bot asks of Mattermost. Every method retries 429/5xx and network failures
 * per the policy, except that a POST which may have been carried out (timeout, 5xx) is not sent
 * again unless it is safe twice (`createPost`, `addChannelMember`, pins, the direct channel).
 */
export interface MattermostApi {
  /** The site URL (no trailing slash, no `/api/v4`). */
  readonly siteUrl: string

  getMe(): Promise<MattermostUser>
  getUser(userId: string): Promise<MattermostUser>
  /** `undefined` when no such user (404). A leading `@` is ignored. */
  getUserByUsername(username: string): Promise<MattermostUser | undefined>
  getTeam(teamId: string): Promise<MattermostTeam>
  /** `undefined` when no such team (404). */
  getTeamByName(name: string): Promise<MattermostTeam | undefined>
  /** `GET /users/me/teams`: the teams the bot is on. */
  listMyTeams(): Promise<MattermostTeam[]>
  /** `undefined` when the user never was on the team (404); a former member comes with `delete_at`. */
  getTeamMember(teamId: string, userId: string): Promise<MattermostTeamMember | undefined>

  /**
   * Creates a channel named `toChannelName(options.name ?? options.displayName)`; when the name is
   * taken, retries with `-2`, `-3`, … (`MATTERMOST_CHANNEL_NAME_TAKEN` after `maxNameAttempts`).
   * When an answer is lost, the name is read back and a channel the bot just made there is returned.
   */
  createChannel(options: CreateChannelOptions): Promise<MattermostChannel>
  getChannel(channelId: string): Promise<MattermostChannel>
  /** `undefined` when no such channel in the team (404); archived channels included on request. */
  getChannelByName(teamId: string, name: string, options?: { includeDeleted?: boolean }): Promise<MattermostChannel | undefined>
  /** Idempotent: adding an existing member answers the membership. */
  addChannelMember(channelId: string, userId: string): Promise<MattermostChannelMember>
  /** `undefined` when the user is not a member (404). */
  getChannelMember(channelId: string, userId: string): Promise<MattermostChannelMember | undefined>
  isChannelMember(channelId: string, userId: string): Promise<boolean>
  /**
   * `GET /users/me/teams/{team_id}/channels`: the channels of the team the bot is a member of
   * (not archived), plus its direct and group messages, which the server lists for every team.
   */
  listMyChannels(teamId: string): Promise<MattermostChannel[]>
  /** The direct-message channel between the bot and `userId`. */
  getDirectChannel(userId: string): Promise<MattermostChannel>

  /**
   * Sends a fresh `pending_post_id`, so when an answer is lost and the request retried, the server
   * answers the post it already made (its 30 s de-duplication) instead of posting twice.
   */
  createPost(post: NewPost): Promise<MattermostPost>
  getPost(postId: string): Promise<MattermostPost>
  /**
   * A channel's posts, oldest first: one page (newest page is 0), or with `since` (ms) every post
   * created or changed (edited, reacted to) since then, at most 1000 (the newest created). For
   * reconciling after a crash (find a post by its props) or a lost WebSocket (`metadata.reactions`).
   */
  listChannelPosts(channelId: string, options?: ListChannelPostsOptions): Promise<MattermostPost[]>
  /** `PUT /posts/{id}/patch`: only the given fields change; `props` replaces all props. */
  patchPost(postId: string, patch: PostPatch): Promise<MattermostPost>
  pinPost(postId: string): Promise<void>
  unpinPost(postId: string): Promise<void>
  /** `POST /posts/ephemeral`: needs `create_post_ephemeral` (system admins by default). */
  createEphemeralPost(userId: string, post: NewPost): Promise<MattermostPost>

  /**
   * `POST /actions/dialogs/open`; the trigger id is valid ~30 s (3 s on old servers): call at once.
   * Not repeated after a lost answer (it could stack a second dialog).
   */
  openDialog(request: OpenDialogOptions): Promise<void>
  /**
   * Replies through a slash command's `response_url` (5 uses / 30 min). Refuses URLs outside
   * `siteUrl` with `MATTERMOST_FOREIGN_URL`, so a forged request cannot make the bot post elsewhere.
   * Not repeated after a lost answer (it could post the reply twice).
   */
  respond(responseUrl: string, response: CommandResponse): Promise<void>

  /** Custom slash commands of a team (built-ins excluded). */
  listCommands(teamId: string): Promise<MattermostCommand[]>
  createCommand(command: NewCommand): Promise<MattermostCommand>
  /** `PUT /commands/{id}`: the full command, as read back from `listCommands`, with changes. */
  updateCommand(command: MattermostCommand): Promise<MattermostCommand>

  /** Opens the WebSocket (authenticated with the bot token) and keeps it open until `close()`. */
  connectEvents(options: MattermostEventStreamOptions): MattermostEventStream

  /** The same API with another retry policy, e.g. 1 s attempts and a 2 s budget on a slash command's hot path. */
  withRetryPolicy(policy: Partial<RetryPolicy>): MattermostApi
}

export interface MattermostApiOptions {
  /** Site URL, e.g. `https://chat.example.com` (a trailing `/` or `/api/v4` is tolerated). */
  readonly url: string
  /** Bot personal access token. Never logged; redacted from every error. */
  readonly token: string
  readonly logger?: MattermostLogger
  /** How hard each call tries, per-attempt timeout included; `DEFAULT_RETRY_POLICY` for what is not given. */
  readonly retry?: Partial<RetryPolicy>
  readonly userAgent?: string
  /** Injected for tests; default global `fetch`. */
  readonly fetch?: typeof fetch
  /** Milliseconds clock for the retry budget; default `Date.now`. */
  readonly now?: () => number
  readonly sleep?: (ms: number) => Promise<void>
  /** In [0, 1) for backoff jitter; default `Math.random`. */
  readonly random?: () => number
  /**
   * WebSocket timing (ms): reconnect backoff 1 000 doubling to 60 000 plus up to 2 000 jitter; ping
   * every 30 000; 10 000 for the upgrade and again for the `hello` after it.
   */
  readonly webSocket?: {
    readonly minRetryMs?: number
    readonly jitterMs?: number
    readonly maxRetryMs?: number
    readonly pingIntervalMs?: number
    readonly connectTimeoutMs?: number
  }
}

export interface CreateChannelOptions {
  readonly teamId: string
  /** 1–64 characters; longer names are cut at 64. */
  readonly displayName: string
  /** Preferred handle; normalised by `toChannelName`. Defaults to the display name. */
  readonly name?: string
  /** Private (`P`) unless `false` (public `O`). */
  readonly private?: boolean
  readonly purpose?: string
  readonly header?: string
  /** Default 20. */
  readonly maxNameAttempts?: number
}

export interface NewPost {
  readonly channelId: string
  readonly message: string
  readonly rootId?: string
  /** Merged with `attachments` into the post's props. */
  readonly props?: Readonly<Record<string, unknown>>
  readonly attachments?: readonly MessageAttachment[]
}

export interface ListChannelPostsOptions {
  /** Unix ms; when set, `page`/`perPage` are ignored (the server does the same). */
  readonly since?: number
  readonly page?: number
  /** Default 60, at most 200. */
  readonly perPage?: number
}

export interface PostPatch {
  readonly message?: string
  readonly props?: Readonly<Record<string, unknown>>
  readonly attachments?: readonly MessageAttachment[]
}

export interface OpenDialogOptions {
  readonly triggerId: string
  /** Where Mattermost POSTs the submission: the bot's dialog endpoint. */
  readonly url: string
  readonly dialog: Dialog
}

export interface NewCommand {
  readonly teamId: string
  readonly trigger: string
  /** The bot's slash command endpoint. */
  readonly url: string
  readonly method?: 'P' | 'G'
  readonly displayName?: string
  readonly description?: string
  readonly username?: string
  readonly iconUrl?: string
  readonly autoComplete?: boolean
  readonly autoCompleteDescription?: string
  readonly autoCompleteHint?: string
}
