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
  type TeamVerbosity,
} from './bot/settings/bot-settings.js'
export { registerSlashCommand, UNKNOWN_TEAM, type RegisteredCommand } from './bot/register-slash-command.js'
export type { BotLocks } from './bot/processes/leadership.js'
export { DELIVERY_PROP, type PostLedger } from './bot/processes/post-ledger.js'

// The Mattermost API client the bot talks through.
export {
  CHANNEL_NAME_MAX_LENGTH,
  DEFAULT_RETRY_POLICY,
  MATTERMOST_CHANNEL_NAME_TAKEN,
  MATTERMOST_FOREIGN_URL,
  MATTERMOST_RATE_LIMITED,
  MATTERMOST_REQUEST_REJECTED,
  MATTERMOST_UNAVAILABLE,
  MattermostRequestError,
  MattermostUnavailableError,
  MattermostUsageError,
  channelNameWithSuffix,
  createMattermostApi,
  isMattermostRequestError,
  isMattermostUnavailable,
  silentLogger,
  toChannelName,
  type CommandResponse,
  type CreateChannelOptions,
  type Dialog,
  type DialogElement,
  type DialogElementType,
  type ListChannelPostsOptions,
  type MattermostApi,
  type MattermostApiOptions,
  type MattermostBroadcast,
  type MattermostChannel,
  type MattermostChannelMember,
  type MattermostChannelType,
  type MattermostCommand,
  type MattermostEvent,
  type MattermostEventStream,
  type MattermostEventStreamOptions,
  type MattermostEventStreamStatus,
  type MattermostLogger,
  type MattermostPost,
  type MattermostPostMetadata,
  type MattermostReaction,
  type MattermostTeam,
  type MattermostUser,
  type MessageAttachment,
  type MessageAttachmentField,
  type NewCommand,
  type NewPost,
  type OpenDialogOptions,
  type PostAction,
  type PostPatch,
  type PostProps,
  type RetryPolicy,
} from './client/index.js'
