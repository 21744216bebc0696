import * as E from 'fp-ts/lib/Either.js'
import { requireMember } from '../commands/incident-scope.js'
import { send, type Invocation } from '../commands/invocation.js'
import { reloadState } from '../commands/open-dialogs.js'
import { teamPlaybooks } from '../commands/playbook-commands.js'
import { DIALOGS } from '../dialogs/dialogs.js'
import { submitted, type DialogRequest } from '../http/payloads.js'
import type { BotDeps } from '../runtime/bot-deps.js'
import { deliveryKey, idFromKey } from '../runtime/delivery-ids.js'
import { verifyContext, type ActionContext } from '../security/signed-context.js'

/** What Mattermost accepts back from a submission (GUIDE §6.4): nothing closes the dialog. */
export interface DialogReply {
  readonly errors?: Readonly<Record<string, string>>
  readonly error?: string
}

const CLOSE: DialogReply = {}

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
 * A dialog submission. Its state must be signed by the bot for this user, channel and incident; the
 * command id derives from the dialog's nonce, so the same submission delivered twice acts once.
 *
 * @example
 * const reply = await handleDialog(deps, decodeDialogRequest(body)!)
 */
export const handleDialog = async (deps: BotDeps, request: DialogRequest): Promise<DialogReply> => {
  if (request.cancelled) return CLOSE
  const context = contextOf(deps, request)
  if (!context) {
    deps.logger.warn({ userId: request.userId, channelId: request.channelId }, 'dialog submission with an invalid state refused')
    return { error: 'This dialog is not valid any more; open it again.' }
  }
  const invocation: Invocation = {
    userId: request.userId,
    teamId: request.teamId,
    channelId: request.channelId,
    deliveryKey: deliveryKey('dialog', context.nonce, context),
    mentions: {},
  }
  if (request.callbackId === DIALOGS.start) return submitStart(deps, invocation, request, context)
  const state = await reloadState(deps, context.incidentId)
  if (!state) return { error: 'This incident does not exist.' }
  const refused = await requireMember(deps, request.userId, state.channelId)
  if (refused) return { error: refused.text ?? 'Only members of the incident channel can change it.' }
  if (request.callbackId === DIALOGS.status) {
    const message = submitted(request.submission, 'message')
    if (message === undefined) return { errors: { message: 'Write the update.' } }
    return outcome(await send(deps, invocation, { type: 'PostStatusUpdate', incidentId: state.incidentId, message }), 'message')
  }
  const title = submitted(request.submission, 'title')
  if (title === undefined) return { errors: { title: 'Describe the item.' } }
  const sectionId = submitted(request.submission, 'section') ?? state.sections.at(-1)?.sectionId
  if (sectionId === undefined) return { errors: { title: 'The checklist has no section yet: add one with `add section <title>`.' } }
  const assigneeId = submitted(request.submission, 'assignee')
  return outcome(
    await send(deps, invocation, { type: 'AddItem', incidentId: state.incidentId, sectionId, title, itemId: `${invocation.deliveryKey}-item`, ...(assigneeId ? { assigneeId } : {}) }),
    'title',
  )
}

const outcome = (result: Awaited<ReturnType<typeof send>>, field: string): DialogReply =>
  E.isRight(result) || result.left._tag === 'NoChange' ? CLOSE : { errors: { [field]: result.left.message } }

const submitStart = async (deps: BotDeps, invocation: Invocation, request: DialogRequest, context: ActionContext): Promise<DialogReply> => {
  const name = submitted(request.submission, 'name')
  if (name === undefined) return { errors: { name: 'Give the incident a name.' } }
  const playbookId = submitted(request.submission, 'playbook')
  if (playbookId !== undefined && !(await teamPlaybooks(deps, request.teamId)).some((p) => p.playbookId === playbookId)) {
    return { errors: { playbook: 'Pick one of the playbooks of this team.' } }
  }
  const channelName = submitted(request.submission, 'channel')
  const severity = submitted(request.submission, 'severity')
  const description = submitted(request.submission, 'description')
  const result = await send(deps, invocation, {
    type: 'StartIncident',
    incidentId: idFromKey(context.nonce ?? invocation.deliveryKey),
    teamId: request.teamId,
    name,
    ...(channelName ? { channelName } : {}),
    ...(playbookId ? { playbookId } : {}),
    ...(severity ? { severity } : {}),
    ...(description ? { description } : {}),
  })
  return outcome(result, 'name')
}
