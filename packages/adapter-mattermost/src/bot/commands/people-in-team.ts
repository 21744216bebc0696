import * as E from 'fp-ts/lib/Either.js'
import { incidentError, type Command, type IncidentError } from '@incident-kit/core'
import { isMattermostUnavailable } from '../../client/index.js'
import type { BotDeps } from '../runtime/bot-deps.js'
import { isTeamMember } from '../runtime/team-roles.js'

/** Someone a command puts in charge: on which incident, the command's field naming them, what they would do. */
interface Named {
  readonly incidentId: string
  readonly userId: string
  readonly field: string
  readonly role: string
}

const personNamed = (command: Command): Named | undefined => {
  switch (command.type) {
    case 'ChangeCommander':
      return { incidentId: command.incidentId, userId: command.commanderId, field: 'commanderId', role: 'command it' }
    case 'AssignItem':
    case 'AddItem':
      return command.assigneeId ? { incidentId: command.incidentId, userId: command.assigneeId, field: 'assigneeId', role: 'be assigned its items' } : undefined
    default:
      return undefined
  }
}

/**
 * Refuses a command that names a commander or an assignee outside the incident's team: the bot
 * would add them to the channel and send them the incident's details in direct messages, across
 * teams. Mattermost says who is on the team (the ids in a request are the requester's word); when
 * it cannot, the command is refused too, with a request to try again. `undefined` when the person
 * named is on the team, or the command names nobody.
 *
 * @example
 * await outsiderProblem(deps, { type: 'ChangeCommander', incidentId, commanderId: eveId })
 * // { _tag: 'InvalidCommand', field: 'commanderId', message: "@eve is not a member of this incident's team, so they cannot command it" }
 */
export const outsiderProblem = async (deps: BotDeps, command: Command): Promise<IncidentError | undefined> => {
  const named = personNamed(command)
  if (named === undefined) return undefined
  const state = await deps.handler.loadIncident(named.incidentId)
  // An incident that cannot be read is the core's to report, when it handles the command.
  if (E.isLeft(state) || state.right.status === 'none') return undefined
  const refusal = async (why: (who: string) => string) => incidentError('InvalidCommand', { field: named.field }, why(await deps.names.mention(named.userId)))
  try {
    if (await isTeamMember(deps.requestApi, state.right.teamId, named.userId)) return undefined
  } catch (error) {
    if (!isMattermostUnavailable(error)) throw error
    return refusal((who) => `Mattermost cannot confirm that ${who} is a member of this incident's team right now; try again in a moment`)
  }
  return refusal((who) => `${who} is not a member of this incident's team, so they cannot ${named.role}`)
}
