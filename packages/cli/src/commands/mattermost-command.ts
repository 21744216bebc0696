import type { Command } from 'commander'
import type { CliContext } from '../cli/cli-context.js'
import { DATABASE_OPTION } from '../cli/option-parsers.js'
import type { MattermostOptions } from './mattermost-action.js'

/** `incident-kit mattermost`: the Mattermost incident bot (docs/mattermost.md). */
export const registerMattermostCommand = (program: Command, context: CliContext) =>
  program
    .command('mattermost')
    .description('Run the Mattermost incident bot (slash command, buttons, dialogs, channel messages, reminders) until stopped with Ctrl-C or SIGTERM. Every flag falls back to the environment variable named in brackets. With --register TEAM, create or update the slash command in that team and exit.')
    .option('--mattermost-url <url>', "Mattermost's site URL [MATTERMOST_URL]")
    .option('--bot-token <token>', "the bot account's access token; prefer the variable, flags show in `ps` [MATTERMOST_BOT_TOKEN]")
    .option('--slash-token <entries>', "each team's slash command token as team=token (team URL name or id), comma-separated [MATTERMOST_SLASH_TOKEN]")
    .option('--port <port>', 'HTTP port of the bot (default 3000) [PORT]')
    .option('--public-url <url>', 'where Mattermost reaches the bot [PUBLIC_URL]')
    .option('--trigger <word>', 'the slash command trigger (default incident) [INCIDENT_TRIGGER]')
    .option('--reaction-emoji <name>', 'reacting with it on a post starts an incident (default rotating_light) [INCIDENT_REACTION_EMOJI]')
    .option('--verbosity <levels>', 'messages per change: all, key or assignees; per team as team=level, comma-separated (default all) [INCIDENT_VERBOSITY]')
    .option(...DATABASE_OPTION)
    .option('--register <team>', 'create or update the slash command in this team (its URL name), print its MATTERMOST_SLASH_TOKEN entry, and exit')
    .addHelpText('after', '\nExamples:\n  MATTERMOST_URL=https://chat.example.com MATTERMOST_BOT_TOKEN=… PUBLIC_URL=https://bot.example.com \\\n    incident-kit mattermost --register ops\n  incident-kit mattermost --db postgres://incidents@db:5432/incidents\n\nLOG_LEVEL (debug, info, warn, error) sets the verbosity of the JSON log on stderr. INCIDENT_KIT_SIGNING_SECRET (environment only, at least 32 characters) signs button and dialog contexts; it defaults to a key derived from the bot token, the same on every replica.')
    .action(async (options: MattermostOptions) => {
      const { runMattermostCommand } = await import('./mattermost-action.js')
      await runMattermostCommand(context, options)
    })
