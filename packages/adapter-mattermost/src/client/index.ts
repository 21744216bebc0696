export {
  CHANNEL_NAME_MAX_LENGTH,
  channelNameWithSuffix,
  toChannelName,
} from './channel-name.js'
export { createMattermostApi } from './create-mattermost-api.js'
export {
  MATTERMOST_CHANNEL_NAME_TAKEN,
  MATTERMOST_FOREIGN_URL,
  MATTERMOST_RATE_LIMITED,
  MATTERMOST_REQUEST_REJECTED,
  MATTERMOST_UNAVAILABLE,
  MattermostRequestError,
  MattermostUnavailableError,
  MattermostUsageError,
  isMattermostRequestError,
  isMattermostUnavailable,
} from './errors.js'
export type {
  MattermostBroadcast,
  MattermostEvent,
  MattermostEventStream,
  MattermostEventStreamOptions,
  MattermostEventStreamStatus,
} from './events.js'
export { silentLogger, type MattermostLogger } from './logger.js'
export type {
  CreateChannelOptions,
  ListChannelPostsOptions,
  MattermostApi,
  MattermostApiOptions,
  NewCommand,
  NewPost,
  OpenDialogOptions,
  PostPatch,
} from './mattermost-api.js'
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.js'
export type {
  CommandResponse,
  Dialog,
  DialogElement,
  DialogElementType,
  MattermostChannel,
  MattermostChannelMember,
  MattermostChannelType,
  MattermostCommand,
  MattermostPost,
  MattermostPostMetadata,
  MattermostReaction,
  MattermostTeam,
  MattermostTeamMember,
  MattermostUser,
  MessageAttachment,
  MessageAttachmentField,
  PostAction,
  PostProps,
} from './types.js'
