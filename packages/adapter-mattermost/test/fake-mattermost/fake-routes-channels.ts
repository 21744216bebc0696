import type { MattermostChannel } from '../../src/client/index.js'
import { appError, forbidden, invalidParam, notFound, ok, runeLength } from './fake-http.js'
import { isId, newId } from './fake-ids.js'
import { asRecord, asString, resolveUserId, type FakeRouteContext, type FakeRouteTable } from './fake-route.js'
import { canReadChannel, isChannelMember, isTeamMember, putChannelMember, storePost } from './fake-state.js'

/** The server's current channel-handle rule (model/channel.go), length 1–64. */
const SERVER_CHANNEL_NAME = /^[a-z0-9]+([a-z\-_0-9]+|(__)?)[a-z0-9]*$/
const CHANNEL_NAME_MAX = 64
const DISPLAY_NAME_MAX = 64
const PURPOSE_MAX = 250
const HEADER_MAX = 1024
const CHANNEL_MISSING = 'app.channel.get.existing.app_error'
const CHANNEL_BY_NAME_MISSING = 'app.channel.get_by_name.missing.app_error'
const MEMBER_MISSING = 'app.channel.get_member.missing.app_error'
export const CHANNEL_EXISTS = 'store.sql_channel.save_channel.exists.app_error'
export const CHANNEL_NAME_INVALID = 'model.channel.is_valid.1_or_more.app_error'

const readableChannel = (context: FakeRouteContext, channelId: string): MattermostChannel | undefined => {
  const channel = context.state.channels.get(channelId)
  return channel !== undefined && canReadChannel(context.state, channel, context.userId) ? channel : undefined
}

/** Server-side checks of `POST /channels`; undefined when the channel may be created. */
const channelProblem = (context: FakeRouteContext, body: Record<string, unknown>) => {
  const name = asString(body.name)
  const teamId = asString(body.team_id)
  const type = asString(body.type)
  if (!context.state.teams.has(teamId)) return invalidParam('team_id')
  if (!isTeamMember(context.state, teamId, context.userId)) return forbidden()
  if (type !== 'O' && type !== 'P') return invalidParam('type')
  if (name.length < 1 || name.length > CHANNEL_NAME_MAX || !SERVER_CHANNEL_NAME.test(name) || isId(name)) {
    return appError(400, CHANNEL_NAME_INVALID, `Name must be 1 or more lowercase alphanumeric characters: ${name}`)
  }
  const displayLength = runeLength(asString(body.display_name))
  if (displayLength < 1 || displayLength > DISPLAY_NAME_MAX) {
    return appError(400, 'model.channel.is_valid.display_name.app_error', 'Invalid display name.')
  }
  if (runeLength(asString(body.purpose)) > PURPOSE_MAX) return appError(400, 'model.channel.is_valid.purpose.app_error', 'Invalid purpose.')
  if (runeLength(asString(body.header)) > HEADER_MAX) return appError(400, 'model.channel.is_valid.header.app_error', 'Invalid header.')
  const taken = [...context.state.channels.values()].some((channel) => channel.team_id === teamId && channel.name === name)
  return taken ? appError(400, CHANNEL_EXISTS, 'A channel with that name already exists on the same team.') : undefined
}

/** Channels, memberships and direct channels. */
export const channelRoutes: FakeRouteTable = {
  'POST /api/v4/channels': (context) => {
    const body = asRecord(context.body)
    const problem = channelProblem(context, body)
    if (problem !== undefined) return problem
    const channel: MattermostChannel = {
      id: newId(),
      team_id: asString(body.team_id),
      type: asString(body.type) as 'O' | 'P',
      name: asString(body.name),
      display_name: asString(body.display_name),
      purpose: asString(body.purpose),
      header: asString(body.header),
      creator_id: context.userId,
      create_at: context.now,
      update_at: context.now,
      delete_at: 0,
    }
    context.state.channels.set(channel.id, channel)
    putChannelMember(context.state, channel.id, context.userId, context.now, 'channel_user channel_admin')
    context.emit('channel_created', { channel_id: channel.id, team_id: channel.team_id }, { user_id: context.userId })
    return ok(channel, 201)
  },
  'GET /api/v4/channels/{channel_id}': (context) => {
    const channel = context.state.channels.get(context.params.channel_id ?? '')
    if (channel === undefined) return notFound(CHANNEL_MISSING, 'Channel')
    return canReadChannel(context.state, channel, context.userId) ? ok(channel) : forbidden()
  },
  'GET /api/v4/teams/{team_id}/channels/name/{channel_name}': (context) => {
    const includeDeleted = context.query.get('include_deleted') === 'true'
    const channel = [...context.state.channels.values()].find(
      (candidate) =>
        candidate.team_id === context.params.team_id &&
        candidate.name === context.params.channel_name &&
        (includeDeleted || (candidate.delete_at ?? 0) === 0),
    )
    return channel === undefined || !canReadChannel(context.state, channel, context.userId)
      ? notFound(CHANNEL_BY_NAME_MISSING, 'Channel')
      : ok(channel)
  },
  'POST /api/v4/channels/{channel_id}/members': (context) => {
    const channel = readableChannel(context, context.params.channel_id ?? '')
    if (channel === undefined) return notFound(CHANNEL_MISSING, 'Channel')
    if (channel.type === 'P' && !isChannelMember(context.state, channel.id, context.userId)) return forbidden()
    const body = asRecord(context.body)
    const userId = asString(body.user_id)
    if (!context.state.users.has(userId)) return invalidParam('user_id')
    if (!isTeamMember(context.state, channel.team_id, userId)) {
      return appError(403, 'api.channel.add_members.user_denied', 'User is not a member of the team.')
    }
    const { member, added } = putChannelMember(context.state, channel.id, userId, context.now)
    if (added) {
      const actor = context.state.users.get(context.userId)?.username ?? context.userId
      const addedName = context.state.users.get(userId)?.username ?? userId
      const system = storePost(
        context.state,
        { channel_id: channel.id, user_id: context.userId, message: `@${addedName} added to the channel by @${actor}.`, type: 'system_add_to_channel' },
        context.now,
      )
      context.emit('posted', { post: JSON.stringify(system), channel_type: channel.type, team_id: channel.team_id }, { channel_id: channel.id })
      context.emit('user_added', { user_id: userId, team_id: channel.team_id }, { channel_id: channel.id })
    }
    return ok(member, 201)
  },
  'GET /api/v4/channels/{channel_id}/members/{user_id}': (context) => {
    const channel = readableChannel(context, context.params.channel_id ?? '')
    if (channel === undefined) return forbidden()
    const member = context.state.channelMembers.get(channel.id)?.get(resolveUserId(context, context.params.user_id))
    return member === undefined ? notFound(MEMBER_MISSING, 'Channel member') : ok(member)
  },
  // As the server: the user's channels in the team plus their direct and group messages (team_id
  // ''), archived ones only with include_deleted; only the user themself may ask, on their team.
  'GET /api/v4/users/{user_id}/teams/{team_id}/channels': (context) => {
    const teamId = context.params.team_id ?? ''
    if (resolveUserId(context, context.params.user_id) !== context.userId || !isTeamMember(context.state, teamId, context.userId)) return forbidden()
    const includeDeleted = context.query.get('include_deleted') === 'true'
    return ok(
      [...context.state.channels.values()].filter(
        (channel) =>
          (channel.team_id === teamId || channel.team_id === '') &&
          (includeDeleted || (channel.delete_at ?? 0) === 0) &&
          isChannelMember(context.state, channel.id, context.userId),
      ),
    )
  },
  'POST /api/v4/channels/direct': (context) => {
    const ids = Array.isArray(context.body) ? context.body.map(asString) : []
    if (!ids.includes(context.userId) || !ids.every((id) => context.state.users.has(id))) return invalidParam('user_ids')
    const name = [...ids].sort().join('__')
    const existing = [...context.state.channels.values()].find((channel) => channel.type === 'D' && channel.name === name)
    if (existing !== undefined) return ok(existing, 201)
    const channel: MattermostChannel = { id: newId(), team_id: '', type: 'D', name, display_name: '', creator_id: context.userId, create_at: context.now, update_at: context.now, delete_at: 0 }
    context.state.channels.set(channel.id, channel)
    for (const id of ids) putChannelMember(context.state, channel.id, id, context.now)
    return ok(channel, 201)
  },
}
