import { systemClock } from '@incident-kit/core'
import { redactDatabaseUrl } from '@incident-kit/adapter-sql'
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
import { configurationError } from '../cli/cli-errors.js'
import type { CliContext } from '../cli/cli-context.js'
import { logStoreWarnings } from '../cli/log-store-warnings.js'
import { databaseUrlFor, withSqlStore } from '../cli/open-store.js'
import { createJsonLogger, logLevelFrom } from '../cli/stderr-logger.js'

export interface MattermostOptions extends BotSettingsFlags {
  readonly db?: string
  readonly register?: string
}

const settingsFrom = (context: CliContext, options: MattermostOptions): BotSettings => {
  try {
    // Registration needs no slash token: it creates the command that has one.
    return parseBotSettings(context.io.env, options, { requireSlashToken: options.register === undefined })
  } catch (error) {
    if (isIncidentKitError(error, INVALID_BOT_SETTING)) throw configurationError(error.message)
    throw error
  }
}

const register = async (context: CliContext, settings: BotSettings, team: string) => {
  const logger = createJsonLogger(context.io.stderr, logLevelFrom(context.io.env.LOG_LEVEL), systemClock.now)
  const api = createMattermostApi({ url: settings.mattermostUrl, token: settings.botToken, logger })
  const { command, created, settingEntry } = await registerSlashCommand(api, settings, team)
  // The entry is added to the list, not set as it: the other teams' entries must stay.
  context.io.stdout.write(
    `${created ? 'Created' : 'Updated'} /${settings.trigger} in team ${team}, calling ${command.url}.\n` +
      `Add this entry to the bot's MATTERMOST_SLASH_TOKEN (after a comma if it lists other teams; keep theirs) and restart it:\n  ${settingEntry}\n`,
  )
}

const serve = async (context: CliContext, settings: BotSettings, dbFlag: string | undefined) => {
  const { io } = context
  const logger = createJsonLogger(io.stderr, logLevelFrom(io.env.LOG_LEVEL), systemClock.now)
  const url = await databaseUrlFor(dbFlag, io)
  await withSqlStore(url, { onWarning: logStoreWarnings(logger) }, async (store) => {
    const bot = await runMattermostBot({ settings, store, checkpoints: store.checkpoints, locks: store, logger })
    logger.info({ url: bot.url, database: redactDatabaseUrl(url) }, 'running until Ctrl-C or SIGTERM')
    await (io.waitForStop?.() ?? new Promise<never>(() => undefined))
    logger.info({}, 'stopping')
    await bot.close()
  })
}

/**
 * `mattermost`: checks the settings, then registers the slash command (`--register`) or serves the
 * bot on the SQL store until the io's stop signal.
 *
 * @example
 * await runMattermostCommand(context, { register: 'ops' })
 */
export const runMattermostCommand = async (context: CliContext, options: MattermostOptions) => {
  const settings = settingsFrom(context, options)
  if (options.register !== undefined) await register(context, settings, options.register)
  else await serve(context, settings, options.db)
}
