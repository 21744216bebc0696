import { isMattermostUnavailable, type MattermostApi } from '../../client/index.js'
import type { SlashTokenBinding } from '../settings/slash-token-bindings.js'

/** Whether a slash request's team is the one its token's command belongs to, or Mattermost could not say. */
export type SlashTeamVerdict = 'bound' | 'foreign' | 'unconfirmed'

/** Checks a slash request's team against the team its token is bound to. */
export type SlashTeamCheck = (binding: SlashTokenBinding, request: { readonly teamId: string; readonly teamDomain: string }) => Promise<SlashTeamVerdict>

/**
 * A binding by id compares ids. A binding by name needs the request's team name to be that name
 * and the name to belong to the request's team id: both fields come from the request, so the id
 * is asked of Mattermost, once per name (a team's id never changes; a failed lookup is not kept).
 *
 * @example
 * const teamOf = createSlashTeamCheck(deps.requestApi)
 * if ((await teamOf(binding, request)) === 'foreign') return refused
 */
export const createSlashTeamCheck = (api: MattermostApi): SlashTeamCheck => {
  const idsByName = new Map<string, string>()
  const idOfTeamNamed = async (name: string): Promise<string | undefined> => {
    const known = idsByName.get(name)
    if (known !== undefined) return known
    const team = await api.getTeamByName(name)
    if (team) idsByName.set(name, team.id)
    return team?.id
  }
  return async (binding, request) => {
    if (binding.team === request.teamId) return 'bound'
    if (binding.team !== request.teamDomain.toLowerCase()) return 'foreign'
    try {
      return (await idOfTeamNamed(binding.team)) === request.teamId ? 'bound' : 'foreign'
    } catch (error) {
      if (isMattermostUnavailable(error)) return 'unconfirmed'
      throw error
    }
  }
}
