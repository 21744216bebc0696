/**
 * @incident-kit/adapter-mattermost: the incident bot for Mattermost (slash command, buttons,
 * dialogs, channel messages, reminders) and the Mattermost API client it talks through.
 */

// The bot.
export {
  runMattermostBot,
  type BotTuning,
  type RunMattermostBotOptions,
  type RunningBot,
} from './bot/run-mattermost-bot.js'
export {
  BotSettingsError,
  DEFAULT_PORT,
  DEFAULT_REACTION_EMOJI,
  DEFAULT_TRIGGER,
  INVALID_BOT_SETTING,
  parseBotSettings,
  type BotSettings,
  type BotSettingsFlags,
} from './bot/settings/bot-settings.js'
export { registerSlashCommand, UNKNOWN_TEAM, type RegisteredCommand } from './bot/register-slash-command.js'
export { createBotServer } from './bot/http/bot-server.js'
export type { BotLocks } from './bot/processes/leadership.js'
export { createPostLedger, type PostLedger, type PostLedgerOptions } from './bot/processes/post-ledger.js'
export { ROUTES } from './bot/runtime/bot-deps.js'
export { parseSlashText } from './bot/slash/parse-slash-text.js'
export type { SlashCommand, SlashUsageError } from './bot/slash/slash-command.js'
export { signContext, verifyContext, type ActionContext, type SignedActionContext } from './bot/security/signed-context.js'

// The Mattermost API client.
export * from './client/index.js'
