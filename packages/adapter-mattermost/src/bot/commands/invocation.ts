import * as E from 'fp-ts/lib/Either.js'
import type { Command, HandleResult } from '@incident-kit/core'
import type { CommandResponse } from '../../client/index.js'
import type { BotDeps } from '../runtime/bot-deps.js'
import { outsiderProblem } from './people-in-team.js'
import { textLimitProblem } from './text-limits.js'
import { ephemeral, warning } from './replies.js'

/** Who asks for what, where: the common part of a slash request, a click and a dialog submission. */
export interface Invocation {
  readonly userId: string
  /**
   * The team the command acts in, which the people a command puts in charge must be members of: a
   * slash request's team (confirmed against its token), whose incidents alone it may act on; a
   * click's or a dialog's incident's team.
   */
  readonly teamId: string
  readonly teamDomain?: string
  readonly channelId: string
  /** Present on slash commands and clicks: lets the bot open a dialog. */
  readonly triggerId?: string
  /** The idempotency key of this delivery; commands derive their `commandId` from it. */
  readonly deliveryKey: string
  /**
   * Usernames (lower case) to ids as a slash request states them (the caller's name, the text's
   * resolved @-mentions). They hold for this request only: whoever has a team's slash token writes
   * these fields, so in the bot's shared name cache they could rename people of every team.
   */
  readonly requestNames?: Readonly<Record<string, string>>
}


/**
 * Sends a core command with a `commandId` derived from the delivery (plus `step` when one delivery
 * sends several), so a delivery repeated by Mattermost changes nothing the second time. Every
 * command a person asks for (slash command, button, dialog) comes through here, so here it is
 * refused, as an `InvalidCommand` naming the field, when a text is too long or it puts someone
 * outside the invocation's team in charge. A command the core gave up on after losing every race
 * on its stream (`ConcurrencyConflict`) is logged as a warning.
 *
 * @example
 * await send(deps, invocation, { type: 'EndIncident', incidentId })
 */
export const send = async (deps: BotDeps, invocation: Invocation, command: Command, step = 0): Promise<HandleResult> => {
  const refused = textLimitProblem(command) ?? (await outsiderProblem(deps, invocation, command))
  if (refused) return E.left(refused)
  const result = await deps.handler.handle(command, {
    commandId: step === 0 ? invocation.deliveryKey : `${invocation.deliveryKey}-${step}`,
    actorId: invocation.userId,
  })
  // The person is asked to try again; operators see the contention that made the core give up.
  if (E.isLeft(result) && result.left._tag === 'ConcurrencyConflict') {
    deps.logger.warn(
      { incidentId: 'incidentId' in command ? command.incidentId : undefined, streamId: result.left.streamId, command: command.type, attempts: result.left.attempts },
      'command gave up: its stream kept changing while it was decided',
    )
  }
  return result
}

/**
 * The reply for a handled command: `done` on success, the core's own words on a refusal.
 *
 * @example
 * replyTo(await send(deps, invocation, command), 'Checked **Roll back**.')
 */
export const replyTo = (result: HandleResult, done: string): CommandResponse => {
  if (E.isRight(result)) return ephemeral(done)
  const error = result.left
  return error._tag === 'NoChange' ? ephemeral(`Nothing to change: ${error.message}.`) : warning(`${error.message}.`)
}
