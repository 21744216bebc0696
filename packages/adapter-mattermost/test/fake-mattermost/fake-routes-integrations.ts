import type { Dialog, DialogElement, MattermostCommand } from '../../src/client/index.js'
import { appError, forbidden, invalidParam, notFound, ok, runeLength } from './fake-http.js'
import { newId } from './fake-ids.js'
import { asRecord, asString, type FakeRouteContext, type FakeRouteTable } from './fake-route.js'
import { isTeamMember } from './fake-state.js'

const TRIGGER_MAX = 128
const COMMAND_URL_MAX = 1024
const DIALOG_TITLE_MAX = 24
const ELEMENT_DISPLAY_NAME_MAX = 24
const ELEMENT_NAME_MAX = 300
const ELEMENT_HELP_TEXT_MAX = 150
const BUILT_IN_TRIGGERS = new Set([
  'away', 'code', 'collapse', 'dnd', 'echo', 'expand', 'groupmsg', 'header', 'help', 'invite', 'join', 'kick',
  'leave', 'logout', 'me', 'msg', 'mute', 'offline', 'online', 'open', 'purpose', 'remove', 'rename', 'search',
  'settings', 'shortcuts', 'shrug', 'status',
])

const commandProblem = (context: FakeRouteContext, body: Record<string, unknown>, ownId: string) => {
  const teamId = asString(body.team_id)
  if (!context.state.teams.has(teamId)) return invalidParam('team_id')
  if (!isTeamMember(context.state, teamId, context.userId)) return forbidden()
  const trigger = asString(body.trigger)
  if (trigger.length < 1 || trigger.length > TRIGGER_MAX || trigger.startsWith('/') || /\s/.test(trigger)) {
    return appError(400, 'model.command.is_valid.trigger.app_error', 'Invalid trigger.')
  }
  const url = asString(body.url)
  if (!/^https?:\/\//.test(url) || url.length > COMMAND_URL_MAX) return appError(400, 'model.command.is_valid.url.app_error', 'Invalid URL.')
  if (!['P', 'G'].includes(asString(body.method))) return appError(400, 'model.command.is_valid.method.app_error', 'Invalid method.')
  const lower = trigger.toLowerCase()
  const duplicate = [...context.state.commands.values()].some((command) => command.team_id === teamId && command.trigger === lower && command.id !== ownId)
  return duplicate || BUILT_IN_TRIGGERS.has(lower)
    ? appError(400, 'api.command.duplicate_trigger.app_error', 'This trigger word is already in use.')
    : undefined
}

const commandFields = (body: Record<string, unknown>) => ({
  team_id: asString(body.team_id),
  trigger: asString(body.trigger).toLowerCase(),
  method: asString(body.method) as 'P' | 'G',
  url: asString(body.url),
  username: asString(body.username),
  icon_url: asString(body.icon_url),
  auto_complete: body.auto_complete === true,
  auto_complete_desc: asString(body.auto_complete_desc),
  auto_complete_hint: asString(body.auto_complete_hint),
  display_name: asString(body.display_name),
  description: asString(body.description),
})

/** Server 11.x only logs these; the fake reports them so the bot's dialogs stay within limits. */
const checkDialog = (context: FakeRouteContext, dialog: Dialog): void => {
  if (runeLength(dialog.title) > DIALOG_TITLE_MAX) context.contractViolation(`dialog title "${dialog.title}" is over ${DIALOG_TITLE_MAX} characters`)
  const names = new Set<string>()
  for (const element of dialog.elements as DialogElement[]) {
    if (runeLength(element.display_name) > ELEMENT_DISPLAY_NAME_MAX) context.contractViolation(`dialog element display_name "${element.display_name}" is over ${ELEMENT_DISPLAY_NAME_MAX} characters`)
    if (element.name.length === 0 || element.name.length > ELEMENT_NAME_MAX) context.contractViolation(`dialog element name "${element.name}" is empty or over ${ELEMENT_NAME_MAX} characters`)
    if (runeLength(element.help_text ?? '') > ELEMENT_HELP_TEXT_MAX) context.contractViolation(`dialog element ${element.name}: help_text over ${ELEMENT_HELP_TEXT_MAX} characters`)
    if (names.has(element.name)) context.contractViolation(`dialog element name ${element.name} is not unique`)
    if ((element.type === 'radio' || element.type === 'select') && element.data_source === undefined && (element.options?.length ?? 0) === 0) {
      context.contractViolation(`dialog element ${element.name}: ${element.type} without options`)
    }
    names.add(element.name)
  }
}

/** Slash command registration and dialogs. */
export const integrationRoutes: FakeRouteTable = {
  'GET /api/v4/commands': (context) => {
    const teamId = context.query.get('team_id') ?? ''
    if (!isTeamMember(context.state, teamId, context.userId)) return forbidden()
    return ok([...context.state.commands.values()].filter((command) => command.team_id === teamId && (command.delete_at ?? 0) === 0))
  },
  'POST /api/v4/commands': (context) => {
    const body = asRecord(context.body)
    const problem = commandProblem(context, body, '')
    if (problem !== undefined) return problem
    const command: MattermostCommand = { id: newId(), token: newId(), creator_id: context.userId, create_at: context.now, update_at: context.now, delete_at: 0, ...commandFields(body) }
    context.state.commands.set(command.id, command)
    return ok(command, 201)
  },
  'PUT /api/v4/commands/{command_id}': (context) => {
    const existing = context.state.commands.get(context.params.command_id ?? '')
    if (existing === undefined) return notFound('app.command.getcommand.app_error', 'Command')
    const body = asRecord(context.body)
    if (asString(body.id) !== existing.id) return invalidParam('command_id')
    if (asString(body.team_id) !== existing.team_id) return appError(400, 'api.command.team_mismatch.app_error', 'Cannot move a command to another team.')
    const problem = commandProblem(context, body, existing.id)
    if (problem !== undefined) return problem
    const updated: MattermostCommand = { ...existing, ...commandFields(body), update_at: context.now }
    context.state.commands.set(existing.id, updated)
    return ok(updated)
  },
  'POST /api/v4/actions/dialogs/open': (context) => {
    const body = asRecord(context.body)
    const url = asString(body.url)
    if (url === '') return invalidParam('url')
    const triggerId = asString(body.trigger_id)
    const trigger = context.state.triggers.get(triggerId)
    if (trigger === undefined) return appError(400, 'interactive_message.decode_trigger_id.missing_data', 'Trigger ID not recognised.')
    if (context.now - trigger.mintedAt > context.options.triggerTtlMs) {
      return appError(400, 'interactive_message.decode_trigger_id.expired', 'Trigger ID expired.')
    }
    const dialog = asRecord(body.dialog) as unknown as Dialog
    checkDialog(context, dialog)
    context.state.dialogsOpened.push({ userId: trigger.userId, triggerId, url, dialog })
    context.emit('open_dialog', { dialog: JSON.stringify({ ...body, trigger_id: newId() }) }, { user_id: trigger.userId })
    return ok({ status: 'OK' })
  },
}
