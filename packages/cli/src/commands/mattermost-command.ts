import type { Command } from 'commander'
import { systemClock } from '@incident-kit/core'
import { createSqlEventStore, redactDatabaseUrl } from '@incident-kit/adapter-sql'
import {
  createMattermostApi,
  INVALID_BOT_SETTING,
  parseBotSettings,
  registerSlashCommand,
  runMattermostBot,
  type BotSettings,
  type BotSettingsFlags,
} from '@incident-kit/adapter-mattermost'
import { isIncidentKitError } from '@incident-kit/core'
import { configurationError, failure } from '../cli/cli-errors.js'
import type { CliContext } from '../cli/cli-context.js'
import { databaseUrlFor } from '../cli/open-store.js'
import { createJsonLogger, logLevelFrom } from '../cli/stderr-logger.js'

interface MattermostOptions extends BotSettingsFlags {
  readonly db?: string
  readonly register?: string
}

/**
 * Registration needs no slash token (it creates the command that has one): this stands in for it
 * so that the other settings are still checked.
 */
const NO_SLASH_TOKEN_YET = 'notneededforregister'

const settingsFrom = (context: CliContext, options: MattermostOptions): BotSettings => {
  const flags: BotSettingsFlags = options.register === undefined ? options : { slashToken: NO_SLASH_TOKEN_YET, ...options }
  try {
    return parseBotSettings(context.io.env, flags)
  } catch (error) {
    if (isIncidentKitError(error, INVALID_BOT_SETTING)) throw configurationError(error.message)
    throw error
  }
}

const register = async (context: CliContext, settings: BotSettings, team: string) => {
  const logger = createJsonLogger(context.io.stderr, logLevelFrom(context.io.env.LOG_LEVEL), systemClock.now)
  const api = createMattermostApi({ url: settings.mattermostUrl, token: settings.botToken, logger })
  const { command, created } = await registerSlashCommand(api, settings, team)
  context.io.stdout.write(
    `${created ? 'Created' : 'Updated'} /${settings.trigger} in team ${team}, calling ${command.url}.\n` +
      `Add its token to the bot's environment and start it:\n  MATTERMOST_SLASH_TOKEN=${command.token}\n`,
  )
}

const serve = async (context: CliContext, settings: BotSettings, dbFlag: string | undefined) => {
  const { io } = context
  const logger = createJsonLogger(io.stderr, logLevelFrom(io.env.LOG_LEVEL), systemClock.now)
  const url = databaseUrlFor(dbFlag, io)
  const store = await createSqlEventStore({ url }).catch((error: unknown) => {
    throw failure(`cannot open the database ${redactDatabaseUrl(url)}: ${(error as Error).message}`, error)
  })
  try {
    const bot = await runMattermostBot({ settings, store, checkpoints: store.checkpoints, locks: store, logger })
    logger.info({ url: bot.url, database: redactDatabaseUrl(url), trigger: settings.trigger }, 'incident bot listening')
    await (io.stopSignal ?? new Promise<never>(() => undefined))
    logger.info({}, 'stopping')
    await bot.close()
  } finally {
    await store.close()
  }
}

/** `incident-kit mattermost`: the Mattermost incident bot (docs/mattermost.md). */
export const registerMattermostCommand = (program: Command, context: CliContext) =>
  program
    .command('mattermost')
    .description('Run the Mattermost incident bot (slash command, buttons, dialogs, channel messages, reminders) until stopped with Ctrl-C or SIGTERM. Every flag falls back to the environment variable named in brackets. With --register TEAM, create or update the slash command in that team and exit.')
    .option('--mattermost-url <url>', "Mattermost's site URL [MATTERMOST_URL]")
    .option('--bot-token <token>', "the bot account's access token; prefer the variable, flags show in `ps` [MATTERMOST_BOT_TOKEN]")
    .option('--slash-token <tokens>', 'slash command token(s), comma-separated for several teams [MATTERMOST_SLASH_TOKEN]')
    .option('--port <port>', 'HTTP port of the bot (default 3000) [PORT]')
    .option('--public-url <url>', 'where Mattermost reaches the bot [PUBLIC_URL]')
    .option('--trigger <word>', 'the slash command trigger (default incident) [INCIDENT_TRIGGER]')
    .option('--reaction-emoji <name>', 'reacting with it on a post starts an incident (default rotating_light) [INCIDENT_REACTION_EMOJI]')
    .option('--db <url>', 'database URL (default: DATABASE_URL, else sqlite:./incident-kit.db)')
    .option('--register <team>', 'create or update the slash command in this team (its URL name), print its token, and exit')
    .addHelpText('after', '\nExamples:\n  MATTERMOST_URL=https://chat.example.com MATTERMOST_BOT_TOKEN=… PUBLIC_URL=https://bot.example.com \\\n    incident-kit mattermost --register ops\n  incident-kit mattermost --db postgres://incidents@db:5432/incidents\n\nLOG_LEVEL (debug, info, warn, error) sets the verbosity of the JSON log on stderr.')
    .action(async (options: MattermostOptions) => {
      const settings = settingsFrom(context, options)
      if (options.register !== undefined) await register(context, settings, options.register)
      else await serve(context, settings, options.db)
    })
