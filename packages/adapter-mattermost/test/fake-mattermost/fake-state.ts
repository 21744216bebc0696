import type {
  Dialog,
  MattermostChannel,
  MattermostChannelMember,
  MattermostCommand,
  MattermostPost,
  MattermostTeam,
  MattermostUser,
  MessageAttachment,
  PostAction,
  PostProps,
} from '../../src/client/index.js'
import { newId } from './fake-ids.js'

export interface FakeUser extends MattermostUser {
  readonly roles: string
}

/** A post only one user saw: from `POST /posts/ephemeral`, a command reply, `ephemeral_text`… */
export interface FakeEphemeralPost {
  readonly userId: string
  readonly channelId: string
  readonly message: string
  readonly props: PostProps
  /** Which path delivered it, to tell an API call from a command reply in assertions. */
  readonly via: 'api' | 'command_reply' | 'response_url' | 'action_reply'
}

export interface FakeOpenedDialog {
  readonly userId: string
  readonly triggerId: string
  readonly url: string
  readonly dialog: Dialog
}

export interface FakeResponseUrl {
  readonly userId: string
  readonly channelId: string
  readonly createdAt: number
  uses: number
}

export interface FakeReaction {
  readonly user_id: string
  readonly post_id: string
  readonly emoji_name: string
  readonly create_at: number
}

/** Everything the fake server remembers; tests read it directly to assert outcomes. */
export interface FakeState {
  readonly users: Map<string, FakeUser>
  readonly tokens: Map<string, string>
  readonly teams: Map<string, MattermostTeam>
  readonly teamMembers: Map<string, Set<string>>
  /** Team members who also hold `team_admin`, per team. */
  readonly teamAdmins: Map<string, Set<string>>
  readonly channels: Map<string, MattermostChannel>
  readonly channelMembers: Map<string, Map<string, MattermostChannelMember>>
  readonly posts: Map<string, MattermostPost>
  readonly ephemeralPosts: FakeEphemeralPost[]
  readonly reactions: FakeReaction[]
  readonly commands: Map<string, MattermostCommand>
  readonly dialogsOpened: FakeOpenedDialog[]
  readonly triggers: Map<string, { readonly userId: string; readonly mintedAt: number }>
  readonly responseUrls: Map<string, FakeResponseUrl>
  /** `pending_post_id` → post id and when it was first seen, for the server's create de-duplication. */
  readonly pendingPostIds: Map<string, { readonly postId: string; readonly seenAt: number }>
}

export const createFakeState = (): FakeState => ({
  users: new Map(),
  tokens: new Map(),
  teams: new Map(),
  teamMembers: new Map(),
  teamAdmins: new Map(),
  channels: new Map(),
  channelMembers: new Map(),
  posts: new Map(),
  ephemeralPosts: [],
  reactions: [],
  commands: new Map(),
  dialogsOpened: [],
  triggers: new Map(),
  responseUrls: new Map(),
  pendingPostIds: new Map(),
})

export const isTeamMember = (state: FakeState, teamId: string, userId: string): boolean =>
  state.teamMembers.get(teamId)?.has(userId) ?? false

export const isTeamAdmin = (state: FakeState, teamId: string, userId: string): boolean =>
  isTeamMember(state, teamId, userId) && (state.teamAdmins.get(teamId)?.has(userId) ?? false)

export const isChannelMember = (state: FakeState, channelId: string, userId: string): boolean =>
  state.channelMembers.get(channelId)?.has(userId) ?? false

export const isSystemAdmin = (user: FakeUser | undefined): boolean => user?.roles.split(' ').includes('system_admin') ?? false

/** Private channels need membership; public ones a seat in their team; admins read everything. */
export const canReadChannel = (state: FakeState, channel: MattermostChannel, userId: string): boolean =>
  isSystemAdmin(state.users.get(userId)) ||
  isChannelMember(state, channel.id, userId) ||
  (channel.type === 'O' && isTeamMember(state, channel.team_id, userId))

/** Adds the membership (idempotent) and answers it with whether it is new. */
export const putChannelMember = (
  state: FakeState,
  channelId: string,
  userId: string,
  now: number,
  roles = 'channel_user',
): { member: MattermostChannelMember; added: boolean } => {
  const members = state.channelMembers.get(channelId) ?? new Map<string, MattermostChannelMember>()
  state.channelMembers.set(channelId, members)
  const existing = members.get(userId)
  if (existing !== undefined) return { member: existing, added: false }
  const member: MattermostChannelMember = {
    channel_id: channelId,
    user_id: userId,
    roles,
    last_viewed_at: 0,
    msg_count: 0,
    mention_count: 0,
    last_update_at: now,
  }
  members.set(userId, member)
  return { member, added: true }
}

/** Stores a post as the server would, returning it. */
export const storePost = (
  state: FakeState,
  fields: Pick<MattermostPost, 'channel_id' | 'user_id' | 'message'> & Partial<Pick<MattermostPost, 'root_id' | 'type' | 'props'>>,
  now: number,
): MattermostPost => {
  const post: MattermostPost = {
    id: newId(),
    channel_id: fields.channel_id,
    user_id: fields.user_id,
    root_id: fields.root_id ?? '',
    message: fields.message,
    type: fields.type ?? '',
    props: fields.props ?? {},
    is_pinned: false,
    create_at: now,
    update_at: now,
    edit_at: 0,
    delete_at: 0,
  }
  state.posts.set(post.id, post)
  return post
}

/**
 * What a client sees of a post: `integration` (url and context) stays on the server, as in
 * Mattermost, which strips it before answering.
 */
export const postForClient = (post: MattermostPost): MattermostPost => {
  const attachments: readonly MessageAttachment[] | undefined = post.props.attachments
  if (attachments === undefined || !Array.isArray(attachments)) return post
  return {
    ...post,
    props: {
      ...post.props,
      attachments: attachments.map((attachment) => ({
        ...attachment,
        ...(attachment.actions === undefined
          ? {}
          : { actions: attachment.actions.map(({ integration: _hidden, ...visible }: PostAction) => visible) }),
      })),
    },
  }
}

/**
 * A post as the server reads it back (`GET /posts/{id}`, channel post lists): as `postForClient`,
 * plus `metadata.reactions` when anyone reacted (the server omits the field otherwise).
 */
export const postWithMetadata = (state: FakeState, post: MattermostPost): MattermostPost => {
  const reactions = state.reactions.filter((reaction) => reaction.post_id === post.id)
  const visible = postForClient(post)
  return reactions.length === 0 ? visible : { ...visible, metadata: { ...visible.metadata, reactions } }
}
