import type { IncidentState } from '@incident-kit/core'
import type { CommandResponse } from '../../client/index.js'
import type { BotDeps } from '../runtime/bot-deps.js'
import { warning } from './replies.js'
import { requireTeamAdmin } from './team-admin.js'

/** The incident's leads as a refusal names them: one person once, else both, asked for together. */
const leadsOf = async (deps: BotDeps, { commanderId, reporterId }: IncidentState): Promise<string> => {
  if (commanderId === reporterId) return `${await deps.names.mention(commanderId)} (commander and reporter)`
  const [commander, reporter] = await Promise.all([deps.names.mention(commanderId), deps.names.mention(reporterId)])
  return `the commander ${commander}, the reporter ${reporter}`
}

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
    const leads = await leadsOf(deps, state)
    return warning(`Only ${leads} or a team or system admin can ${doing} this incident.`)
  })
}
