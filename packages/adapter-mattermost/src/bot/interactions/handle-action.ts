import * as E from 'fp-ts/lib/Either.js'
import type { Command } from '@incident-kit/core'
import type { CommandResponse } from '../../client/index.js'
import { isItemVerb } from '../checklist/item-verbs.js'
import { itemCommand } from '../commands/checklist-commands.js'
import { requireMember } from '../commands/incident-scope.js'
import { replyTo, send, type Invocation } from '../commands/invocation.js'
import { isWarning } from '../commands/replies.js'
import { openAddItemDialog, openStatusDialog, reloadState } from '../commands/open-dialogs.js'
import type { ActionRequest } from '../http/payloads.js'
import type { BotDeps } from '../runtime/bot-deps.js'
import { deliveryKey } from '../runtime/delivery-ids.js'
import { verifyContext } from '../security/signed-context.js'
import { answerInTime } from './answer-in-time.js'
import { tellLateRefusal } from './tell-late-refusal.js'
import { loggedValue } from '../security/logged-value.js'

/** What Mattermost accepts back from a click (GUIDE §5): a text only the clicker sees. */
export interface ActionReply {
  readonly ephemeral_text?: string
}

const LATE: ActionReply = {
  ephemeral_text: ':hourglass: This is taking longer than usual; your click was received and is being carried out. If it cannot be done, the bot tells you in a direct message.',
}
const FAILED: ActionReply = { ephemeral_text: ':warning: Something went wrong while handling this click; try again in a moment.' }

/**
 * A click on one of the bot's buttons. The context must carry the bot's signature and be used in
 * the channel it was made for; the clicker must be a member of the incident's channel. The reply
 * comes within the reply deadline (`answerInTime`), and says so in words when the click failed; a
 * refusal that comes after it reaches the clicker in a direct message (`tellLateRefusal`).
 *
 * @example
 * const reply = await handleAction(deps, decodeActionRequest(body)!)
 */
export const handleAction = (deps: BotDeps, request: ActionRequest): Promise<ActionReply> =>
  answerInTime(carryOut(deps, request), {
    whenLate: LATE,
    whenFailed: FAILED,
    // A click that changes something has no text of its own: any text says why it did not.
    refusalIn: (reply) => reply.ephemeral_text,
    afterLateReply: (_reply, refusal) => tellLateRefusal(deps, request.userId, 'click on a button of the incident bot', refusal),
    lateWork: deps.lateWork,
    logger: deps.logger,
    what: 'button click',
    // Cut: nothing in the request is verified yet when a slow answer is logged.
    logContext: { userId: loggedValue(request.userId), channelId: loggedValue(request.channelId), postId: loggedValue(request.postId) },
  })

const carryOut = async (deps: BotDeps, request: ActionRequest): Promise<ActionReply> => {
  const context = verifyContext(deps.settings.signingSecret, request.context, request.channelId)
  if (!context || context.incidentId === '') {
    deps.logger.warn({ userId: loggedValue(request.userId), channelId: loggedValue(request.channelId) }, 'button click with an invalid context refused')
    return { ephemeral_text: ':warning: This button is not valid here.' }
  }
  const state = await reloadState(deps, context.incidentId)
  if (!state) return { ephemeral_text: ':warning: This incident does not exist.' }
  const refused = await requireMember(deps, request.userId, state.channelId)
  if (refused) return { ephemeral_text: refused.text ?? '' }
  const invocation: Invocation = {
    userId: request.userId,
    teamId: state.teamId,
    channelId: request.channelId,
    ...(request.triggerId !== undefined ? { triggerId: request.triggerId } : {}),
    deliveryKey: deliveryKey('action', request.triggerId, request),
  }
  // A change needs no answer of its own: its message in the channel and the summary show it.
  const change = async (command: Command): Promise<ActionReply> => {
    const result = await send(deps, invocation, command)
    return E.isRight(result) ? {} : { ephemeral_text: replyTo(result, '').text ?? '' }
  }
  const dialog = async (opened: Promise<CommandResponse>): Promise<ActionReply> => {
    const response = await opened
    return isWarning(response) ? { ephemeral_text: response.text ?? '' } : {}
  }
  const { action, itemId } = context
  if (isItemVerb(action) && itemId !== undefined) return change(itemCommand(action, state.incidentId, itemId))
  if (action === 'assignme' && itemId !== undefined) return change({ type: 'AssignItem', incidentId: state.incidentId, itemId, assigneeId: request.userId })
  if (action === 'statusdialog') return dialog(openStatusDialog(deps, invocation, state))
  if (action === 'additemdialog') return dialog(openAddItemDialog(deps, invocation, state))
  return { ephemeral_text: ':warning: This button does nothing any more.' }
}
