import * as E from 'fp-ts/lib/Either.js'
import type { IncidentState } from '@incident-kit/core'
import { activeIncidents, type IncidentRecord } from '@incident-kit/projections'
import type { CommandResponse } from '../../client/index.js'
import type { BotDeps } from '../runtime/bot-deps.js'
import type { UserRef } from '../slash/slash-command.js'
import { allowedIf, askMattermost, tryAgainWarning } from './ask-mattermost.js'
import { type Invocation } from './invocation.js'
import { ephemeral, warning } from './replies.js'

/** The incident a command acts on, fresh from its stream, or the reply explaining why there is none. */
export type Scoped = { readonly incident: IncidentRecord; readonly state: IncidentState } | { readonly reply: CommandResponse }

/**
 * Finds the incident of the channel the command was typed in. Elsewhere, the reply says which
 * incident the command needs and lists the team's active ones with their channels. An incident of
 * another team is not found either: Mattermost sends an incident channel's own team, so only a
 * request written by hand with one team's token names another team's channel (logged as refused).
 *
 * @example
 * const scoped = await incidentOfChannel(deps, invocation, 'check')
 * if ('reply' in scoped) return scoped.reply
 */
export const incidentOfChannel = async (deps: BotDeps, invocation: Invocation, verb: string): Promise<Scoped> => {
  const model = await deps.model.refresh()
  const found = deps.model.incidentInChannel(invocation.channelId)
  const incident = found?.teamId === invocation.teamId ? found : undefined
  if (found && !incident) {
    deps.logger.warn({ teamId: invocation.teamId, userId: invocation.userId, channelId: invocation.channelId }, "slash request on another team's incident channel refused")
  }
  if (!incident) {
    const active = activeIncidents(model, invocation.teamId)
    const list = active.length === 0 ? 'This team has no active incident.' : `Active incidents: ${active.map((i) => `**${i.name}** (~${i.channel.name})`).join(', ')}.`
    return { reply: ephemeral(`\`${verb}\` acts on an incident: run it in the incident's channel. ${list}`) }
  }
  const state = await deps.handler.loadIncident(incident.incidentId)
  if (E.isLeft(state)) return { reply: warning(state.left.message) }
  return { incident, state: state.right }
}

/**
 * Only members of the incident's channel may change it. `undefined` when allowed, else the reply.
 * An incident whose channel is not created yet has no members: nobody may change it until then
 * (a few seconds, or until Mattermost is back), rather than everybody.
 *
 * @example
 * const refused = await requireMember(deps, invocation.userId, incident.channelId)
 * if (refused) return refused
 */
export const requireMember = async (deps: BotDeps, userId: string, channelId: string | null): Promise<CommandResponse | undefined> => {
  if (channelId === null) return warning('This incident has no channel yet, and only members of its channel can change it. Try again once the channel exists.')
  return allowedIf(deps.membership.isMember(channelId, userId), 'confirm that you are a member of the incident channel', () =>
    warning('Only members of the incident channel can change the incident. Join the channel first.'),
  )
}

/**
 * The id of a named user: as the slash request resolved it, else known already, else asked of
 * Mattermost.
 *
 * @example
 * const id = await userIdOf(deps, invocation, { kind: 'username', username: 'bob' })
 */
export const userIdOf = async (deps: BotDeps, invocation: Invocation, user: UserRef): Promise<string | CommandResponse> => {
  if (user.kind === 'self') return invocation.userId
  const resolved = invocation.requestNames?.[user.username.toLowerCase()]
  if (resolved !== undefined) return resolved
  const id = await askMattermost(deps.names.idOf(user.username), `look up @${user.username}`, tryAgainWarning)
  return id ?? warning(`there is no user @${user.username}`)
}
