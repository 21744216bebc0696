import type { MattermostApi, MattermostTeamMember } from '../../client/index.js'

const hasRole = (roles: string | undefined, role: string) => (roles ?? '').split(' ').includes(role)

/** A user who left a team keeps a membership record, marked deleted. */
const isCurrent = (member: MattermostTeamMember | undefined): member is MattermostTeamMember => member !== undefined && !member.delete_at

/**
 * Whether a user is on a team now. Asked of Mattermost every time, as `isTeamAdmin`: the answer
 * grants something (commanding an incident, being sent its items), and a remembered one would
 * outlive a removal from the team. Throws when Mattermost cannot be asked.
 *
 * @example
 * if (!(await isTeamMember(deps.requestApi, state.teamId, commanderId))) return refusal
 */
export const isTeamMember = async (api: MattermostApi, teamId: string, userId: string): Promise<boolean> =>
  isCurrent(await api.getTeamMember(teamId, userId))

/**
 * Whether a user administers a team: a team admin there, or a system admin (who administers every
 * team, member or not). Throws when Mattermost cannot be asked.
 *
 * @example
 * await isTeamAdmin(deps.requestApi, state.teamId, invocation.userId) // true for a team admin
 */
export const isTeamAdmin = async (api: MattermostApi, teamId: string, userId: string): Promise<boolean> => {
  const [member, user] = await Promise.all([api.getTeamMember(teamId, userId), api.getUser(userId)])
  return hasRole(user.roles, 'system_admin') || (isCurrent(member) && (member.scheme_admin === true || hasRole(member.roles, 'team_admin')))
}
