import type { IncidentState } from '@incident-kit/core'
import type { CommandResponse } from '../../client/index.js'
import type { BotDeps } from '../runtime/bot-deps.js'
import { warning } from './invocation.js'
import { requireTeamAdmin } from './team-admin.js'

/**
 * Only the incident's leads may end it, reopen it or hand over its command: its commander, its
 * reporter, or an admin of its team (or of the system). Incident channels are public, so anyone
 * in the team can join one: channel membership alone would let any of them take an incident over.
 * `undefined` when allowed, else the reply naming who may.
 *
 * @example
 * const refused = await requireIncidentLead(deps, invocation.userId, state, 'end')
 * if (refused) return refused
 */
export const requireIncidentLead = async (deps: BotDeps, userId: string, state: IncidentState, doing: string): Promise<CommandResponse | undefined> => {
  if (userId === state.commanderId || userId === state.reporterId) return undefined
  return requireTeamAdmin(deps, state.teamId, userId, async () => {
    const commander = await deps.names.mention(state.commanderId)
    const reporter = await deps.names.mention(state.reporterId)
    const leads = commander === reporter ? `${commander} (commander and reporter)` : `the commander ${commander}, the reporter ${reporter}`
    return warning(`Only ${leads} or a team or system admin can ${doing} this incident.`)
  })
}
