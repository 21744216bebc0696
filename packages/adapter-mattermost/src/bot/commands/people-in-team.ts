import { incidentError, type Command, type IncidentError } from '@incident-kit/core'
import type { BotDeps } from '../runtime/bot-deps.js'
import { isTeamMember } from '../runtime/team-roles.js'
import { askMattermost } from './ask-mattermost.js'
import type { Invocation } from './invocation.js'

/** Someone a command puts in charge: the command's field naming them, what they would do. */
interface Named {
  readonly userId: string
  readonly field: string
  readonly role: string
  /** Who they are in words, for when their name is not known without asking Mattermost. */
  readonly title: string
}

/** `@username` of a user the slash request named, from the request itself. */
const mentionInRequest = (invocation: Invocation, userId: string) => {
  const name = Object.entries(invocation.requestNames ?? {}).find(([, id]) => id === userId)?.[0]
  return name === undefined ? undefined : `@${name}`
}

const personNamed = (command: Command): Named | undefined => {
  switch (command.type) {
    case 'ChangeCommander':
      return { userId: command.commanderId, field: 'commanderId', role: 'command it', title: 'the new commander' }
    case 'AssignItem':
    case 'AddItem':
      return command.assigneeId ? { userId: command.assigneeId, field: 'assigneeId', role: 'be assigned its items', title: 'the assignee' } : undefined
    default:
      return undefined
  }
}

/**
 * Refuses a command that names a commander or an assignee outside the incident's team: the bot
 * would add them to the channel and send them the incident's details in direct messages, across
 * teams. The team is the invocation's, which for a command on an incident is the incident's. Mattermost says who is on
 * the team (the ids in a request are the requester's word); when it cannot, the command is refused
 * too, with a request to try again, naming the person only if their name is already known (looking
 * it up would be one more wait on the Mattermost that just failed). `undefined` when the person
 * named is on the team, or the command names nobody.
 *
 * @example
 * await outsiderProblem(deps, invocation, { type: 'ChangeCommander', incidentId, commanderId: eveId })
 * // { _tag: 'InvalidCommand', field: 'commanderId', message: "@eve is not a member of this incident's team, so they cannot command it" }
 */
export const outsiderProblem = async (deps: BotDeps, invocation: Invocation, command: Command): Promise<IncidentError | undefined> => {
  const named = personNamed(command)
  if (named === undefined) return undefined
  const refusal = (message: string) => incidentError('InvalidCommand', { field: named.field }, message)
  const known = deps.names.knownMention(named.userId) ?? mentionInRequest(invocation, named.userId)
  const asking = `confirm that ${known ?? named.title} is a member of this incident's team`
  const member = await askMattermost(isTeamMember(deps.requestApi, invocation.teamId, named.userId), asking, refusal)
  if (typeof member !== 'boolean') return member
  return member ? undefined : refusal(`${known ?? (await deps.names.mention(named.userId))} is not a member of this incident's team, so they cannot ${named.role}`)
}
