import { formatTimestamp } from '@incident-kit/projections'
import type { CommandResponse } from '../../client/index.js'
import type { BotDeps } from '../runtime/bot-deps.js'
import { helpText } from '../slash/help-text.js'
import type { SlashCommand } from '../slash/slash-command.js'
import { addItem, assignItem, changeItem, setItemDue } from './checklist-commands.js'
import { requireIncidentLead } from './incident-leads.js'
import { incidentOfChannel, requireMember, userIdOf } from './incident-scope.js'
import { showIncident, showTimeline } from './incident-views.js'
import { replyTo, send, type Invocation } from './invocation.js'
import { openAddItemDialog, openStatusDialog, startFromSlash } from './open-dialogs.js'
import { archivePlaybook, createPlaybook, listPlaybooks, showPlaybook } from './playbook-commands.js'
import { listActive, listHistory, teamReport } from './team-commands.js'

const READ_ONLY = new Set(['info', 'timeline'])
/** What only the incident's leads may do (`requireIncidentLead`), in the words of the refusal. */
const LEADS_ONLY: Readonly<Partial<Record<SlashCommand['kind'], string>>> = { end: 'end', reopen: 'reopen', commander: 'hand over command of' }

/**
 * Runs a parsed slash command for the caller: team-wide commands directly; incident commands on the
 * incident of the channel, after checking the caller is a member of it (and, to end, reopen or hand
 * it over, one of its leads).
 *
 * @example
 * await runSlashCommand(deps, invocation, { kind: 'check', item: '2' }) // { response_type: 'ephemeral', text: 'Checked **...**.' }
 */
export const runSlashCommand = async (deps: BotDeps, invocation: Invocation, command: SlashCommand): Promise<CommandResponse> => {
  switch (command.kind) {
    case 'help':
      return { response_type: 'ephemeral', text: helpText(deps.settings.trigger) }
    case 'start':
      return startFromSlash(deps, invocation, command.name)
    case 'list':
      return listActive(deps, invocation)
    case 'history':
      return listHistory(deps, invocation)
    case 'report':
      return teamReport(deps, invocation)
    case 'playbook-create':
      return createPlaybook(deps, invocation, command.draft)
    case 'playbook-list':
      return listPlaybooks(deps, invocation)
    case 'playbook-show':
      return showPlaybook(deps, invocation, command.playbook)
    case 'playbook-archive':
      return archivePlaybook(deps, invocation, command.playbook)
    default:
      return runOnIncident(deps, invocation, command)
  }
}

const runOnIncident = async (deps: BotDeps, invocation: Invocation, command: SlashCommand): Promise<CommandResponse> => {
  // Only an incident of the invocation's team: `send` checks the people a command names against that team.
  const scoped = await incidentOfChannel(deps, invocation, command.kind)
  if ('reply' in scoped) return scoped.reply
  const { incident, state } = scoped
  if (!READ_ONLY.has(command.kind)) {
    const refused = await requireMember(deps, invocation.userId, incident.channelId)
    if (refused) return refused
  }
  const leadsOnly = LEADS_ONLY[command.kind]
  if (leadsOnly !== undefined) {
    const refused = await requireIncidentLead(deps, invocation.userId, state, leadsOnly)
    if (refused) return refused
  }
  const incidentId = incident.incidentId
  switch (command.kind) {
    case 'info':
      return showIncident(deps, incident.incidentId)
    case 'timeline':
      return showTimeline(deps, incident.incidentId)
    case 'end':
      return replyTo(await send(deps, invocation, { type: 'EndIncident', incidentId }), `Ended **${state.name}**.`)
    case 'reopen':
      return replyTo(await send(deps, invocation, { type: 'ReopenIncident', incidentId }), `Reopened **${state.name}**.`)
    case 'commander': {
      const commanderId = await userIdOf(deps, invocation, command.user)
      if (typeof commanderId !== 'string') return commanderId
      return replyTo(await send(deps, invocation, { type: 'ChangeCommander', incidentId, commanderId }), 'Command handed over.')
    }
    case 'check':
    case 'uncheck':
    case 'skip':
    case 'restore':
    case 'remove':
      return changeItem(deps, invocation, state, command.kind, command.item)
    case 'assign': {
      const assigneeId = command.user === null ? null : await userIdOf(deps, invocation, command.user)
      if (assigneeId !== null && typeof assigneeId !== 'string') return assigneeId
      return assignItem(deps, invocation, state, command.item, assigneeId)
    }
    case 'due':
      return setItemDue(deps, invocation, state, command.item, command.due)
    case 'add':
      return addItem(deps, invocation, state, command.text, command.section)
    case 'add-dialog':
      return openAddItemDialog(deps, invocation, state)
    case 'add-section':
      return replyTo(await send(deps, invocation, { type: 'AddSection', incidentId, title: command.title }), `Added the section **${command.title}**.`)
    case 'status':
      if (command.message === undefined) return openStatusDialog(deps, invocation, state)
      return replyTo(await send(deps, invocation, { type: 'PostStatusUpdate', incidentId, message: command.message }), 'Status update posted.')
    case 'note':
      return replyTo(await send(deps, invocation, { type: 'AddNote', incidentId, text: command.text }), 'Added to the timeline.')
    case 'milestone':
      return replyTo(
        await send(deps, invocation, { type: 'SetMilestone', incidentId, milestone: command.milestone, ...(command.at ? { at: command.at } : {}) }),
        `Marked **${command.milestone}**${command.at ? ` at ${formatTimestamp(command.at)}` : ''}.`,
      )
    case 'set':
      return replyTo(await send(deps, invocation, { type: 'SetMetadata', incidentId, key: command.key, value: command.value }), `Set **${command.key}**.`)
    default:
      return { response_type: 'ephemeral', text: helpText(deps.settings.trigger) }
  }
}
