import { forbidden, notFound, ok } from './fake-http.js'
import { resolveUserId, type FakeRouteTable } from './fake-route.js'
import { isSystemAdmin, isTeamAdmin, isTeamMember } from './fake-state.js'

const USER_MISSING = 'app.user.missing_account.const'
const TEAM_MISSING = 'app.team.get.find.app_error'
const TEAM_BY_NAME_MISSING = 'app.team.get_by_name.missing.app_error'
const TEAM_MEMBER_MISSING = 'app.team.get_member.missing.app_error'

/** Users and teams: read-only lookups the bot makes, and the bot's own teams. */
export const directoryRoutes: FakeRouteTable = {
  'GET /api/v4/users/{user_id}': (context) => {
    const user = context.state.users.get(resolveUserId(context, context.params.user_id))
    return user === undefined ? notFound(USER_MISSING, 'User') : ok(user)
  },
  'GET /api/v4/users/username/{username}': (context) => {
    const user = [...context.state.users.values()].find((candidate) => candidate.username === context.params.username)
    return user === undefined ? notFound(USER_MISSING, 'User') : ok(user)
  },
  'GET /api/v4/teams/{team_id}': (context) => {
    const team = context.state.teams.get(context.params.team_id ?? '')
    return team === undefined ? notFound(TEAM_MISSING, 'Team') : ok(team)
  },
  // Only the user themself, or a system admin (manage_system), may list a user's teams.
  'GET /api/v4/users/{user_id}/teams': (context) => {
    const userId = resolveUserId(context, context.params.user_id)
    if (userId !== context.userId && !isSystemAdmin(context.state.users.get(context.userId))) return forbidden()
    return ok([...context.state.teams.values()].filter((team) => (team.delete_at ?? 0) === 0 && isTeamMember(context.state, team.id, userId)))
  },
  // `view_team`: members of the team (and system admins) may read its memberships.
  'GET /api/v4/teams/{team_id}/members/{user_id}': (context) => {
    const teamId = context.params.team_id ?? ''
    if (!context.state.teams.has(teamId)) return notFound(TEAM_MISSING, 'Team')
    if (!isTeamMember(context.state, teamId, context.userId) && !isSystemAdmin(context.state.users.get(context.userId))) return forbidden()
    const userId = resolveUserId(context, context.params.user_id)
    if (!isTeamMember(context.state, teamId, userId)) return notFound(TEAM_MEMBER_MISSING, 'Team member')
    const admin = isTeamAdmin(context.state, teamId, userId)
    return ok({
      team_id: teamId,
      user_id: userId,
      roles: admin ? 'team_user team_admin' : 'team_user',
      delete_at: 0,
      scheme_user: true,
      scheme_admin: admin,
      scheme_guest: false,
      explicit_roles: '',
    })
  },
  'GET /api/v4/teams/name/{team_name}': (context) => {
    const team = [...context.state.teams.values()].find((candidate) => candidate.name === context.params.team_name)
    return team === undefined ? notFound(TEAM_BY_NAME_MISSING, 'Team') : ok(team)
  },
}
