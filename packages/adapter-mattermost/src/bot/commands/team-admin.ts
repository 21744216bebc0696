import type { CommandResponse } from '../../client/index.js'
import type { BotDeps } from '../runtime/bot-deps.js'
import { isTeamAdmin } from '../runtime/team-roles.js'
import { allowedIf } from './ask-mattermost.js'

/**
 * Lets a team or system admin through where a rule names someone else first (the incident's
 * leads, a playbook's creator): `undefined` for an admin, else the rule's refusal; when Mattermost
 * cannot say, a request to try again rather than a refusal or a pass.
 *
 * @example
 * return requireTeamAdmin(deps, state.teamId, userId, async () => warning('Only the commander or a team admin can end this incident.'))
 */
export const requireTeamAdmin = async (
  deps: BotDeps,
  teamId: string,
  userId: string,
  refusal: () => Promise<CommandResponse>,
): Promise<CommandResponse | undefined> => allowedIf(isTeamAdmin(deps.requestApi, teamId, userId), 'confirm that you are an admin of this team', refusal)
