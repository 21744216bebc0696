import { IncidentKitError } from '@incident-kit/core'
import type { MattermostApi, MattermostCommand } from '../client/index.js'
import { ROUTES } from './runtime/bot-deps.js'
import type { BotSettings } from './settings/bot-settings.js'
import { slashTokenEntry } from './settings/slash-token-bindings.js'

export const UNKNOWN_TEAM = 'UNKNOWN_TEAM'

export interface RegisteredCommand {
  readonly command: MattermostCommand
  readonly created: boolean
  /** The command's `MATTERMOST_SLASH_TOKEN` entry, its token bound to the team: `ops=k3x9…`. */
  readonly settingEntry: string
}

/**
 * `--register TEAM`: creates the slash command in that team, or updates the one with the same
 * trigger (URL, method, autocomplete), through the API. The answer carries the entry to add to
 * `MATTERMOST_SLASH_TOKEN`: the command's token bound to the team.
 *
 * @example
 * const { settingEntry } = await registerSlashCommand(api, settings, 'ops')
 * console.log(`Add to MATTERMOST_SLASH_TOKEN: ${settingEntry}`)
 */
export const registerSlashCommand = async (api: MattermostApi, settings: BotSettings, teamName: string): Promise<RegisteredCommand> => {
  const team = await api.getTeamByName(teamName)
  if (!team) throw new IncidentKitError(UNKNOWN_TEAM, `no team named "${teamName}" (use the team's URL name)`)
  const url = `${settings.publicUrl}${ROUTES.slash}`
  const wanted = {
    url,
    method: 'P' as const,
    auto_complete: true,
    auto_complete_desc: 'Incidents: start, check items, post status updates',
    auto_complete_hint: '[help|start|list|info|check|status|…]',
    display_name: 'Incident',
    description: 'Incident Kit: incident response in Mattermost',
  }
  const registered = (command: MattermostCommand, created: boolean): RegisteredCommand => ({ command, created, settingEntry: slashTokenEntry(team.name, command.token) })
  const existing = (await api.listCommands(team.id)).find((c) => c.trigger === settings.trigger && !c.delete_at)
  if (existing) return registered(await api.updateCommand({ ...existing, ...wanted }), false)
  const command = await api.createCommand({
    teamId: team.id,
    trigger: settings.trigger,
    url,
    method: 'P',
    displayName: wanted.display_name,
    description: wanted.description,
    autoComplete: true,
    autoCompleteDescription: wanted.auto_complete_desc,
    autoCompleteHint: wanted.auto_complete_hint,
  })
  return registered(command, true)
}
