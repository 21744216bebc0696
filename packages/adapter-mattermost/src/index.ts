/**
 * @incident-kit/adapter-mattermost: the incident bot for Mattermost (slash command, buttons,
 * dialogs, channel messages, reminders) and the Mattermost API client it talks through.
 */

// The bot.
export {
  BOT_LEADER_LOCK,
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
  type SlashTokenBinding,
  type TeamVerbosity,
} from './bot/settings/bot-settings.js'
export { registerSlashCommand, UNKNOWN_TEAM, type RegisteredCommand } from './bot/register-slash-command.js'
export type { BotLocks } from './bot/processes/leadership.js'
export { DELIVERY_PROP, type PostLedger } from './bot/processes/post-ledger.js'
export { EVENT_ID_PROP } from './bot/processes/notifier.js'

// The Mattermost API client the bot talks through: its own index is its public surface.
export * from './client/index.js'
