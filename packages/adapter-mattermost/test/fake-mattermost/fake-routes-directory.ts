import { forbidden, notFound, ok } from './fake-http.js'
import { resolveUserId, type FakeRouteTable } from './fake-route.js'
import { isSystemAdmin, isTeamMember } from './fake-state.js'

const USER_MISSING = 'app.user.missing_account.const'
const TEAM_MISSING = 'app.team.get.find.app_error'
const TEAM_BY_NAME_MISSING = 'app.team.get_by_name.missing.app_error'

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
  'GET /api/v4/teams/name/{team_name}': (context) => {
    const team = [...context.state.teams.values()].find((candidate) => candidate.name === context.params.team_name)
    return team === undefined ? notFound(TEAM_BY_NAME_MISSING, 'Team') : ok(team)
  },
}
