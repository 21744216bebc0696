import { IncidentKitError } from '@incident-kit/core'
import type { MattermostApi, MattermostCommand } from '../client/index.js'
import { ROUTES } from './runtime/bot-deps.js'
import type { BotSettings } from './settings/bot-settings.js'

export const UNKNOWN_TEAM = 'UNKNOWN_TEAM'

export interface RegisteredCommand {
  readonly command: MattermostCommand
  readonly created: boolean
}

/**
 * `--register TEAM`: creates the slash command in that team, or updates the one with the same
 * trigger (URL, method, autocomplete), through the API. The answer carries the command's token, to
 * put in `MATTERMOST_SLASH_TOKEN`.
 *
 * @example
 * const { command } = await registerSlashCommand(api, settings, 'ops')
 * console.log(`MATTERMOST_SLASH_TOKEN=${command.token}`)
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
  const existing = (await api.listCommands(team.id)).find((c) => c.trigger === settings.trigger && !c.delete_at)
  if (existing) return { command: await api.updateCommand({ ...existing, ...wanted }), created: false }
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
  return { command, created: true }
}
