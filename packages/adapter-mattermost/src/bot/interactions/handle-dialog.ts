import { requireMember } from '../commands/incident-scope.js'
import type { Invocation } from '../commands/invocation.js'
import { reloadState } from '../commands/open-dialogs.js'
import { DIALOGS } from '../dialogs/dialogs.js'
import type { DialogRequest } from '../http/payloads.js'
import type { BotDeps } from '../runtime/bot-deps.js'
import { deliveryKey, submissionKey } from '../runtime/delivery-ids.js'
import { verifyContext, type ActionContext } from '../security/signed-context.js'
import { answerInTime } from './answer-in-time.js'
import { tellLateRefusal } from './tell-late-refusal.js'
import { CLOSE, submitAddItem, submitStart, submitStatus, type DialogReply, type IncidentDialogSubmission } from './dialog-submissions.js'
import { loggedValue } from '../security/logged-value.js'

/** The dialogs bound to an existing incident, by callback id; the start dialog is handled apart. */
const INCIDENT_DIALOGS: ReadonlyMap<string, IncidentDialogSubmission> = new Map([
  [DIALOGS.status, submitStatus],
  [DIALOGS.addItem, submitAddItem],
])

// The dialog stays open with these, so its fields are not lost; submitting it again unchanged is safe (the nonce and the values name the command).
const LATE: DialogReply = {
  error: 'This is taking longer than usual: your submission was received and is being carried out. Submit it again unchanged to see the outcome, or close the dialog: if it cannot be done, the bot tells you in a direct message.',
}
const FAILED: DialogReply = { error: 'Something went wrong while handling this submission. Submit it again unchanged in a moment: it is never carried out twice.' }
const INVALID: DialogReply = { error: 'This dialog is not valid any more; open it again.' }

/** The words of a reply that keeps the dialog open: its error, else its errors under the elements. */
const refusalIn = (reply: DialogReply): string | undefined =>
  reply.error ?? (reply.errors ? Object.values(reply.errors).join(' ') : undefined)

const contextOf = (deps: BotDeps, request: DialogRequest): ActionContext | undefined => {
  let raw: unknown
  try {
    raw = JSON.parse(request.state)
  } catch {
    return undefined
  }
  const context = verifyContext(deps.settings.signingSecret, raw, request.channelId)
  return context && context.userId === request.userId && context.action === request.callbackId ? context : undefined
}

/**
 * A dialog submission. Its state must be signed by the bot for this user, channel and incident (and
 * for a start, team). What the dialog makes (an incident, an item) is named by the dialog's nonce,
 * and the command id by the nonce and what was submitted: the same submission delivered twice acts
 * once, and one submitted again with other values is carried out or refused in its own right
 * (`submissionKey`) instead of being closed as done while the first one's values stand. The reply comes within the reply deadline (`answerInTime`), and says so
 * in words when the submission failed; a refusal that comes after it reaches the person in a direct
 * message (`tellLateRefusal`).
 *
 * @example
 * const reply = await handleDialog(deps, decodeDialogRequest(body)!)
 */
export const handleDialog = (deps: BotDeps, request: DialogRequest): Promise<DialogReply> =>
  answerInTime(carryOut(deps, request), {
    whenLate: LATE,
    whenFailed: FAILED,
    refusalIn,
    afterLateReply: (_reply, refusal) => tellLateRefusal(deps, request.userId, 'dialog submission', refusal),
    lateWork: deps.lateWork,
    logger: deps.logger,
    what: 'dialog submission',
    // Cut: nothing in the request is verified yet when a slow answer is logged.
    logContext: { userId: loggedValue(request.userId), channelId: loggedValue(request.channelId), callbackId: loggedValue(request.callbackId) },
  })

const carryOut = async (deps: BotDeps, request: DialogRequest): Promise<DialogReply> => {
  if (request.cancelled) return CLOSE
  const context = contextOf(deps, request)
  if (!context) {
    deps.logger.warn({ userId: loggedValue(request.userId), channelId: loggedValue(request.channelId) }, 'dialog submission with an invalid state refused')
    return INVALID
  }
  const dialogKey = deliveryKey('dialog', context.nonce, context)
  const invocation = (teamId: string): Invocation => ({
    userId: request.userId,
    teamId,
    channelId: request.channelId,
    deliveryKey: submissionKey(dialogKey, request.submission),
  })
  if (request.callbackId === DIALOGS.start) {
    // Signed when the dialog was opened; a state from before that, or without a team, is refused.
    if (!context.teamId) {
      deps.logger.warn({ userId: request.userId, channelId: request.channelId }, 'start dialog without a signed team refused')
      return INVALID
    }
    return submitStart(deps, invocation(context.teamId), request, context.nonce ?? dialogKey)
  }
  const submit = INCIDENT_DIALOGS.get(request.callbackId)
  if (!submit) {
    deps.logger.warn({ userId: request.userId, callbackId: request.callbackId }, 'submission of an unknown dialog refused')
    return { error: 'The incident bot has no such dialog; open it again from the bot.' }
  }
  const state = await reloadState(deps, context.incidentId)
  if (!state) return { error: 'This incident does not exist.' }
  const refused = await requireMember(deps, request.userId, state.channelId)
  if (refused) return { error: refused.text ?? 'Only members of the incident channel can change it.' }
  return submit(deps, invocation(state.teamId), request, state, dialogKey)
}
