import type { Clock, CommandHandler, EventStore, IdGenerator } from '@incident-kit/core'
import type { MattermostApi, MattermostLogger } from '../../client/index.js'
import type { BotSettings } from '../settings/bot-settings.js'
import type { LateWork } from './late-work.js'
import type { LiveReadModel } from './live-read-model.js'
import type { Membership } from './membership.js'
import type { UserNames } from './user-names.js'

/** Where Mattermost calls the bot back, relative to `PUBLIC_URL`. */
export const ROUTES = {
  slash: '/mattermost/slash',
  actions: '/mattermost/actions',
  dialogs: '/mattermost/dialogs',
  health: '/healthz',
} as const

/** What every request handler and process of the bot works with. */
export interface BotDeps {
  readonly settings: BotSettings
  /** For background work: retries 429 and 5xx patiently. */
  readonly api: MattermostApi
  /** For a request Mattermost waits on: gives up quickly, so the reply stays within 3 seconds. */
  readonly requestApi: MattermostApi
  readonly store: EventStore
  readonly handler: CommandHandler
  readonly model: LiveReadModel
  /**
   * Usernames, through `requestApi` for replies (`replyUserNames`). The leader's background work gets
   * `deliveryUserNames` over the same cache instead, through `api`: its posts wait for a name.
   */
  readonly names: UserNames
  readonly membership: Membership
  readonly clock: Clock
  readonly ids: IdGenerator
  readonly logger: MattermostLogger
  /** Work carried on after an early reply; closing the bot waits for it. */
  readonly lateWork: LateWork
}

/**
 * Where button clicks come back to.
 *
 * @example
 * actionUrl(settings) // 'https://bot.example.com/mattermost/actions'
 */
export const actionUrl = (settings: BotSettings) => `${settings.publicUrl}${ROUTES.actions}`
/**
 * Where dialog submissions come back to.
 *
 * @example
 * dialogUrl(settings) // 'https://bot.example.com/mattermost/dialogs'
 */
export const dialogUrl = (settings: BotSettings) => `${settings.publicUrl}${ROUTES.dialogs}`
