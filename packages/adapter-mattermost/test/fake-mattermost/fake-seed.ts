import type { MattermostChannel, MattermostChannelType, MattermostCommand, MattermostTeam } from '../../src/client/index.js'
import { newId } from './fake-ids.js'
import { putChannelMember, type FakeState, type FakeUser } from './fake-state.js'

export interface NewFakeUser {
  readonly username: string
  /** Default `system_user`; add `system_admin` for ephemeral posts through the API. */
  readonly roles?: string
  readonly isBot?: boolean
}

export interface NewFakeTeam {
  readonly name: string
  readonly displayName?: string
  readonly memberIds?: readonly string[]
}

export interface NewFakeChannel {
  readonly teamId: string
  readonly name: string
  readonly displayName?: string
  readonly type?: MattermostChannelType
  readonly memberIds?: readonly string[]
}

export interface NewFakeCommand {
  readonly teamId: string
  readonly trigger: string
  readonly url: string
  readonly method?: 'P' | 'G'
}

/**
 * Data set-up that bypasses the API (what an admin did before the bot started): every helper
 * writes straight into the fake's state and returns what it created.
 *
 * @example
 * const seed = createSeeder(state, Date.now)
 * const { user, token } = seed.user({ username: 'alice' })
 */
export const createSeeder = (state: FakeState, now: () => number) => ({
  user: (options: NewFakeUser): { user: FakeUser; token: string } => {
    const user: FakeUser = {
      id: newId(),
      username: options.username.toLowerCase(),
      email: `${options.username.toLowerCase()}@example.test`,
      first_name: '',
      last_name: '',
      nickname: '',
      roles: options.roles ?? 'system_user',
      is_bot: options.isBot ?? false,
      locale: 'en',
      create_at: now(),
      update_at: now(),
      delete_at: 0,
    }
    const token = newId()
    state.users.set(user.id, user)
    state.tokens.set(token, user.id)
    return { user, token }
  },
  team: (options: NewFakeTeam): MattermostTeam => {
    const team: MattermostTeam = { id: newId(), name: options.name, display_name: options.displayName ?? options.name, type: 'O', create_at: now(), delete_at: 0 }
    state.teams.set(team.id, team)
    state.teamMembers.set(team.id, new Set(options.memberIds ?? []))
    return team
  },
  /** Puts a user on a team; `admin` gives them `team_admin` there. */
  teamMember: (teamId: string, userId: string, options: { readonly admin?: boolean } = {}): void => {
    state.teamMembers.get(teamId)?.add(userId)
    if (options.admin === true) state.teamAdmins.set(teamId, (state.teamAdmins.get(teamId) ?? new Set()).add(userId))
  },
  channel: (options: NewFakeChannel): MattermostChannel => {
    const channel: MattermostChannel = {
      id: newId(),
      team_id: options.teamId,
      type: options.type ?? 'O',
      name: options.name,
      display_name: options.displayName ?? options.name,
      purpose: '',
      header: '',
      creator_id: '',
      create_at: now(),
      update_at: now(),
      delete_at: 0,
    }
    state.channels.set(channel.id, channel)
    for (const userId of options.memberIds ?? []) putChannelMember(state, channel.id, userId, now())
    return channel
  },
  archive: (channelId: string): void => {
    const channel = state.channels.get(channelId)
    if (channel !== undefined) state.channels.set(channelId, { ...channel, delete_at: now() })
  },
  command: (options: NewFakeCommand): MattermostCommand => {
    const command: MattermostCommand = {
      id: newId(),
      token: newId(),
      team_id: options.teamId,
      trigger: options.trigger.replace(/^\//, '').toLowerCase(),
      method: options.method ?? 'P',
      url: options.url,
      creator_id: '',
      auto_complete: true,
      create_at: now(),
      update_at: now(),
      delete_at: 0,
    }
    state.commands.set(command.id, command)
    return command
  },
})

export type FakeSeeder = ReturnType<typeof createSeeder>
