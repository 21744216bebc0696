import * as E from 'fp-ts/lib/Either.js'
import type { IncidentState } from '@incident-kit/core'
import { send, type Invocation } from '../commands/invocation.js'
import { teamPlaybooks } from '../commands/playbook-commands.js'
import { submitted, type DialogRequest } from '../http/payloads.js'
import type { BotDeps } from '../runtime/bot-deps.js'
import { idFromKey } from '../runtime/delivery-ids.js'

/** What Mattermost accepts back from a submission (GUIDE §6.4): nothing closes the dialog. */
export interface DialogReply {
  readonly errors?: Readonly<Record<string, string>>
  readonly error?: string
}

export const CLOSE: DialogReply = {}

/*
 * What a dialog makes is named by its nonce, so the incident or item is already there when the
 * same dialog comes back with other values (or while an earlier submission of it was carried out).
 */
const ALREADY_SUBMITTED: DialogReply = {
  error: 'This dialog was already carried out: what it makes is there. Close it, and open the dialog again to make another.',
}

/* Commands name their fields as core does; a dialog's elements are named for the people filling it in. */
const ELEMENT_OF_FIELD: Readonly<Record<string, string>> = { channelName: 'channel', assigneeId: 'assignee', sectionId: 'section', playbookId: 'playbook' }

/**
 * Closes the dialog, or shows the refusal under the element it is about when it names one of
 * `elements` (a too-long description under Description), else under the first.
 */
const outcome = (result: Awaited<ReturnType<typeof send>>, elements: readonly [string, ...string[]]): DialogReply => {
  if (E.isRight(result) || result.left._tag === 'NoChange') return CLOSE
  if (result.left._tag === 'IncidentAlreadyExists' || result.left._tag === 'ItemAlreadyExists') return ALREADY_SUBMITTED
  const named = result.left._tag === 'InvalidCommand' ? (ELEMENT_OF_FIELD[result.left.field] ?? result.left.field) : undefined
  return { errors: { [named !== undefined && elements.includes(named) ? named : elements[0]]: result.left.message } }
}

/**
 * The start dialog: starts the incident in the team its signed state names (`invocation.teamId`),
 * with the id derived from `incidentKey` (the dialog's nonce), so a repeated submission starts it once.
 *
 * @example
 * await submitStart(deps, invocation, request, context.nonce ?? dialogKey)
 */
export const submitStart = async (deps: BotDeps, invocation: Invocation, request: DialogRequest, incidentKey: string): Promise<DialogReply> => {
  const name = submitted(request.submission, 'name')
  if (name === undefined) return { errors: { name: 'Give the incident a name.' } }
  const playbookId = submitted(request.submission, 'playbook')
  if (playbookId !== undefined && !(await teamPlaybooks(deps, invocation.teamId)).some((p) => p.playbookId === playbookId)) {
    return { errors: { playbook: 'Pick one of the playbooks of this team.' } }
  }
  const channelName = submitted(request.submission, 'channel')
  const severity = submitted(request.submission, 'severity')
  const description = submitted(request.submission, 'description')
  const result = await send(deps, invocation, {
    type: 'StartIncident',
    incidentId: idFromKey(incidentKey),
    teamId: invocation.teamId,
    name,
    ...(channelName ? { channelName } : {}),
    ...(playbookId ? { playbookId } : {}),
    ...(severity ? { severity } : {}),
    ...(description ? { description } : {}),
  })
  return outcome(result, ['name', 'channel', 'playbook', 'severity', 'description'])
}

/**
 * A submission of a dialog bound to an existing incident, once its state and the member are
 * checked; `dialogKey` names what the dialog makes, the same whatever values it is submitted with.
 */
export type IncidentDialogSubmission = (deps: BotDeps, invocation: Invocation, request: DialogRequest, state: IncidentState, dialogKey: string) => Promise<DialogReply>

/**
 * The status dialog: posts the update.
 *
 * @example
 * await submitStatus(deps, invocation, request, state, dialogKey)
 */
export const submitStatus: IncidentDialogSubmission = async (deps, invocation, request, state) => {
  const message = submitted(request.submission, 'message')
  if (message === undefined) return { errors: { message: 'Write the update.' } }
  return outcome(await send(deps, invocation, { type: 'PostStatusUpdate', incidentId: state.incidentId, message }), ['message'])
}

/**
 * The add-item dialog: adds the item to the chosen section (the last one by default).
 *
 * @example
 * await submitAddItem(deps, invocation, request, state, dialogKey)
 */
export const submitAddItem: IncidentDialogSubmission = async (deps, invocation, request, state, dialogKey) => {
  const title = submitted(request.submission, 'title')
  if (title === undefined) return { errors: { title: 'Describe the item.' } }
  const sectionId = submitted(request.submission, 'section') ?? state.sections.at(-1)?.sectionId
  if (sectionId === undefined) return { errors: { title: 'The checklist has no section yet: add one with `add section <title>`.' } }
  const assigneeId = submitted(request.submission, 'assignee')
  return outcome(
    await send(deps, invocation, { type: 'AddItem', incidentId: state.incidentId, sectionId, title, itemId: `${dialogKey}-item`, ...(assigneeId ? { assigneeId } : {}) }),
    ['title', 'section', 'assignee'],
  )
}
