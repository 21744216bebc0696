import * as E from 'fp-ts/lib/Either.js'
import type { IncidentState } from '@incident-kit/core'
import type { CommandResponse } from '../../client/index.js'
import { addItemDialog, startDialog, statusDialog, type DialogBinding } from '../dialogs/dialogs.js'
import { dialogUrl, type BotDeps } from '../runtime/bot-deps.js'
import { idFromKey } from '../runtime/delivery-ids.js'
import { teamPlaybooks } from './playbook-commands.js'
import { replyTo, send, type Invocation } from './invocation.js'
import { ephemeral, warning } from './replies.js'
import { textLimitProblem } from './text-limits.js'

const binding = (deps: BotDeps, invocation: Invocation, incidentId: string): DialogBinding => ({
  secret: deps.settings.signingSecret,
  incidentId,
  channelId: invocation.channelId,
  userId: invocation.userId,
  nonce: invocation.deliveryKey,
})

const open = async (deps: BotDeps, invocation: Invocation, dialog: Parameters<BotDeps['api']['openDialog']>[0]['dialog']): Promise<boolean> => {
  if (invocation.triggerId === undefined) return false
  try {
    await deps.requestApi.openDialog({ triggerId: invocation.triggerId, url: dialogUrl(deps.settings), dialog })
    return true
  } catch (error) {
    deps.logger.warn({ err: String(error) }, 'could not open a dialog')
    return false
  }
}

/**
 * `start [name]`: opens the start dialog. When Mattermost cannot open it (down, or no trigger) and a
 * name was given, the incident starts at once with defaults; its channel follows when Mattermost is back.
 *
 * @example
 * await startFromSlash(deps, invocation, 'DB down')
 */
export const startFromSlash = async (deps: BotDeps, invocation: Invocation, name?: string): Promise<CommandResponse> => {
  const command = name === undefined ? undefined : ({ type: 'StartIncident', incidentId: idFromKey(invocation.deliveryKey), teamId: invocation.teamId, name } as const)
  // Refused before the dialog opens: prefilled there, a name cut to fit would go unnoticed.
  const tooLong = command && textLimitProblem(command)
  if (tooLong) return warning(`${tooLong.message}.`)
  const playbooks = await teamPlaybooks(deps, invocation.teamId)
  const startBinding = { ...binding(deps, invocation, ''), teamId: invocation.teamId }
  if (await open(deps, invocation, startDialog(startBinding, playbooks, name))) return ephemeral('Fill in the dialog to start the incident.')
  if (command === undefined) return warning('Mattermost did not open the dialog. Try again, or give a name: `start <name>`.')
  return replyTo(await send(deps, invocation, command), `Started the incident **${command.name}**; its channel is being created.`)
}

/**
 * `status` without a message: the status dialog, prefilled with the last update.
 *
 * @example
 * await openStatusDialog(deps, invocation, state)
 */
export const openStatusDialog = async (deps: BotDeps, invocation: Invocation, state: IncidentState): Promise<CommandResponse> => {
  const detail = (await deps.model.refresh()).incidents[state.incidentId]
  const last = detail?.statusUpdates.at(-1)?.message
  if (await open(deps, invocation, statusDialog(binding(deps, invocation, state.incidentId), state.name, last))) return ephemeral('Write the update in the dialog.')
  return warning('Mattermost did not open the dialog; post the update as `status <message>`.')
}

/**
 * `add` without text: the add-item dialog.
 *
 * @example
 * await openAddItemDialog(deps, invocation, state)
 */
export const openAddItemDialog = async (deps: BotDeps, invocation: Invocation, state: IncidentState): Promise<CommandResponse> => {
  if (await open(deps, invocation, addItemDialog(binding(deps, invocation, state.incidentId), state.sections))) return ephemeral('Describe the item in the dialog.')
  return warning('Mattermost did not open the dialog; add the item as `add [section] <text>`.')
}

/**
 * The incident's state fresh from its stream; `undefined` when it does not exist.
 *
 * @example
 * const state = await reloadState(deps, context.incidentId)
 */
export const reloadState = async (deps: BotDeps, incidentId: string): Promise<IncidentState | undefined> => {
  const loaded = await deps.handler.loadIncident(incidentId)
  return E.isRight(loaded) && loaded.right.status !== 'none' ? loaded.right : undefined
}
