import { appError, forbidden, invalidParam, ok } from './fake-http.js'
import { clickButton, submitDialog } from './fake-interactions.js'
import { asRecord, asString, type FakeRouteTable } from './fake-route.js'
import { sendSlashCommand } from './fake-slash-commands.js'
import { isChannelMember } from './fake-state.js'

const ACTION_FAILED = 'api.post.do_action.action_integration.app_error'

/**
 * What a person's client calls (GUIDE §4.5, §5, §6.3), so tests can play the human through
 * Client4: the fake then calls the bot exactly as `sendSlashCommand`, `clickButton` and
 * `submitDialog` do, and answers with what the server would.
 */
export const userActionRoutes: FakeRouteTable = {
  'POST /api/v4/commands/execute': async (context) => {
    const body = asRecord(context.body)
    const channelId = asString(body.channel_id)
    const match = /^\/(\S+)(?:\s([\s\S]*))?$/.exec(asString(body.command))
    if (match === null) return invalidParam('command')
    if (!isChannelMember(context.state, channelId, context.userId)) return forbidden()
    const trigger = (match[1] ?? '').toLowerCase()
    const known = [...context.state.commands.values()].some((command) => command.trigger === trigger && command.team_id === context.state.channels.get(channelId)?.team_id)
    if (!known) return appError(404, 'api.command.execute_command.not_found.app_error', `Command with a trigger of '/${trigger}' not found.`)
    const outcome = await sendSlashCommand(context.caller, { userId: context.userId, channelId, text: match[2] ?? '', trigger })
    if (outcome.error !== undefined) return appError(500, 'api.command.execute_command.failed.app_error', `Command '/${trigger}' failed: ${outcome.error}`)
    return ok({ ...outcome.response, trigger_id: outcome.triggerId })
  },
  'POST /api/v4/posts/{post_id}/actions/{action_id}': async (context) => {
    const body = asRecord(context.body)
    const selected = asString(body.selected_option)
    const outcome = await clickButton(context.caller, {
      userId: context.userId,
      postId: context.params.post_id ?? '',
      actionId: context.params.action_id ?? '',
      ...(selected === '' ? {} : { selectedOption: selected }),
    })
    if (outcome.status === 200) return ok({ status: 'OK', trigger_id: outcome.triggerId })
    return outcome.status === 400 ? appError(400, ACTION_FAILED, 'Unable to complete the action.') : appError(outcome.status, 'api.post.do_action.action_id.app_error', 'Invalid action.')
  },
  'POST /api/v4/actions/dialogs/submit': async (context) => {
    const body = asRecord(context.body)
    const channelId = asString(body.channel_id)
    const opened = context.state.dialogsOpened.filter((entry) => entry.userId === context.userId && entry.url === asString(body.url)).at(-1)
    if (opened === undefined) return invalidParam('url')
    const outcome = await submitDialog(context.caller, {
      userId: context.userId,
      channelId,
      submission: asRecord(body.submission),
      cancelled: body.cancelled === true,
      dialog: { ...opened, dialog: { ...opened.dialog, callback_id: asString(body.callback_id), state: asString(body.state) } },
    })
    if (outcome.status !== 200) return appError(400, 'api.dialog.submit.app_error', 'The integration did not accept the submission.')
    return ok(outcome.reply ?? {})
  },
}
