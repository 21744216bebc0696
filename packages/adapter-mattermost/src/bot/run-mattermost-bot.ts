import { createCommandHandler, systemClock, uuidGenerator, type CheckpointStore, type Clock, type EventStore, type IdGenerator } from '@incident-kit/core'
import { createMattermostApi, silentLogger, type MattermostApi, type MattermostEventStream, type MattermostLogger, type RetryPolicy } from '../client/index.js'
import { createBotServer } from './http/bot-server.js'
import { createChannelLessIncidents } from './processes/channel-less-incidents.js'
import { createChannelReconciler } from './processes/channel-reconciler.js'
import { createChannelsGivenUp } from './processes/channels-given-up.js'
import { createChatEventHandler } from './processes/chat-events.js'
import { startCheckpointedDelivery } from './processes/checkpointed-delivery.js'
import { startLeadership, type BotLocks } from './processes/leadership.js'
import { createNotifier } from './processes/notifier.js'
import { createPostLedger, type PostLedger } from './processes/post-ledger.js'
import { createReactionCatchUp } from './processes/reaction-catch-up.js'
import { startStatusReminders } from './processes/status-reminders.js'
import { createSummaryPosts } from './processes/summary-posts.js'
import type { BotDeps } from './runtime/bot-deps.js'
import { createLateWork } from './runtime/late-work.js'
import { createLiveReadModel } from './runtime/live-read-model.js'
import { createMembership } from './runtime/membership.js'
import { createUserNameCache } from './runtime/user-name-cache.js'
import { deliveryUserNames, replyUserNames } from './runtime/user-names.js'
import type { BotSettings } from './settings/bot-settings.js'

/**
 * Requests a person waits on (the membership check, opening a dialog): each attempt gets 1 s and
 * there is one quick retry, so Mattermost answers, or the bot gives up on it, within about 2 s of
 * the 2.5 s its reply may take. A dialog's trigger id expires after 3 s on older servers.
 */
const REQUEST_RETRY: Partial<RetryPolicy> = { attemptTimeoutMs: 1_000, maxAttempts: 2, baseDelayMs: 100, maxDelayMs: 300, totalBudgetMs: 1_200 }
/**
 * How long closing waits for work carried on after an early reply: a database call or two, and a
 * direct message through the patient client. The store closes after it.
 */
const LATE_WORK_GRACE_MS = 10_000
/** The lock the leading replica holds; `incident-kit copy` takes it to make sure no bot leads meanwhile. */
export const BOT_LEADER_LOCK = 'incident-kit/mattermost-bot'

/** Tuning for tests and special deployments; the defaults suit production. */
export interface BotTuning {
  /** How often a follower replica tries to take the lead; 2 s. */
  readonly leaderRetryMs?: number
  /** How often due status reminders are looked for; 30 s. */
  readonly reminderCheckMs?: number
  /** How often the leader saves, while connected, up to when it has seen reactions; 60 s. */
  readonly reactionsSeenSaveMs?: number
  /** First retry of a postponed message or an unfinished reaction catch-up; 500 ms, doubling to `maxDeliveryRetryMs` (30 s). */
  readonly deliveryRetryMs?: number
  readonly maxDeliveryRetryMs?: number
  /** Per-attempt HTTP timeout of background requests towards Mattermost; 10 s (requests a person waits on get 1 s). */
  readonly requestTimeoutMs?: number
  /** How long a request to the HTTP service may take to arrive whole; 10 s (`BotServerOptions`). */
  readonly requestReceiveTimeoutMs?: number
  /** How long a kept-alive connection to the HTTP service may sit idle; 10 s (`BotServerOptions`). */
  readonly idleConnectionTimeoutMs?: number
  /** The host the HTTP service binds; `0.0.0.0`. */
  readonly host?: string
  /** WebSocket reconnect backoff, passed to the client. */
  readonly webSocket?: { readonly minRetryMs?: number; readonly jitterMs?: number; readonly maxRetryMs?: number }
}

export interface RunMattermostBotOptions {
  readonly settings: BotSettings
  readonly store: EventStore
  readonly checkpoints: CheckpointStore
  /** With two replicas on one database: only the lock holder posts, creates channels and reminds. */
  readonly locks?: BotLocks
  readonly clock?: Clock
  readonly ids?: IdGenerator
  readonly logger?: MattermostLogger
  /**
   * Replaces the Mattermost client (tests); requests a person waits on go through it with their own
   * retry policy (1 s per attempt). Built from the settings otherwise.
   */
  readonly api?: MattermostApi
  /** Replaces the post lookup used before posting again (tests); built from the settings otherwise. */
  readonly ledger?: PostLedger
  readonly tuning?: BotTuning
}

export interface RunningBot {
  /** Where the HTTP service listens. */
  readonly url: string
  readonly isLeader: () => boolean
  close(): Promise<void>
}

/**
 * Starts the Mattermost incident bot: the HTTP service for slash commands, buttons and dialogs, and,
 * in the replica holding the lock, the log-driven side effects (channels, messages, the pinned
 * summary, reminders, onboarding, starting incidents from a reaction).
 *
 * @example
 * const bot = await runMattermostBot({ settings: parseBotSettings(process.env), store, checkpoints, locks: store })
 * process.on('SIGTERM', () => void bot.close())
 */
export const runMattermostBot = async (options: RunMattermostBotOptions): Promise<RunningBot> => {
  const { settings, store, checkpoints } = options
  const tuning = options.tuning ?? {}
  const logger = options.logger ?? silentLogger
  const clock = options.clock ?? systemClock
  const ids = options.ids ?? uuidGenerator
  const api =
    options.api ??
    createMattermostApi({
      url: settings.mattermostUrl,
      token: settings.botToken,
      logger,
      userAgent: 'incident-kit-bot',
      ...(tuning.requestTimeoutMs !== undefined ? { retry: { attemptTimeoutMs: tuning.requestTimeoutMs } } : {}),
      ...(tuning.webSocket ? { webSocket: tuning.webSocket } : {}),
    })
  const requestApi = api.withRetryPolicy(REQUEST_RETRY)
  const ledger = options.ledger ?? createPostLedger(api)
  const handler = createCommandHandler({ store, clock, ids })
  const userNameCache = createUserNameCache(clock)
  const deps: BotDeps = {
    settings,
    api,
    requestApi,
    store,
    handler,
    model: createLiveReadModel(store),
    names: replyUserNames(requestApi, userNameCache),
    membership: createMembership(requestApi),
    clock,
    ids,
    logger,
    lateWork: createLateWork(),
  }

  const lead = async () => {
    const me = await api.getMe()
    // Posts keep the names they say and may wait for them: looked up through the patient client,
    // and a lookup Mattermost cannot answer postpones the post instead of leaving a raw id in it.
    const background: BotDeps = { ...deps, names: deliveryUserNames(api, userNameCache) }
    const delivery = { store, checkpoints, logger, retryMs: tuning.deliveryRetryMs ?? 500, maxRetryMs: tuning.maxDeliveryRetryMs ?? 30_000 }
    const summaries = createSummaryPosts(background, { ledger, checkpoints, retryMs: delivery.retryMs, maxRetryMs: delivery.maxRetryMs })
    // Shared: the notifier stops waiting for a channel as soon as the reconciler gives up on it.
    const givenUp = createChannelsGivenUp(checkpoints, clock)
    const channels = startCheckpointedDelivery({ ...delivery, name: 'mattermost-channels', deliver: createChannelReconciler(background, me.id, givenUp) })
    const notifier = startCheckpointedDelivery({
      ...delivery,
      name: 'mattermost-notifier',
      deliver: createNotifier(background, { ledger, channelLess: createChannelLessIncidents(clock, givenUp) }),
      afterBatch: summaries.refresh,
    })
    const stopReminders = startStatusReminders(background, me.id, tuning.reminderCheckMs ?? 30_000)
    const catchUp = createReactionCatchUp(background, me.id, { checkpoints, saveEveryMs: tuning.reactionsSeenSaveMs ?? 60_000, retryMs: delivery.retryMs, maxRetryMs: delivery.maxRetryMs })
    let leading = true
    let events: MattermostEventStream | undefined
    try {
      const onEvent = createChatEventHandler(background, me.id, { isStopped: () => !leading, onTriggerReaction: catchUp.onTriggerReaction })
      events = api.connectEvents({ onEvent, onStatus: catchUp.onStatus, onResync: catchUp.onResync })
    } catch (error) {
      logger.warn({ err: String(error) }, 'no WebSocket events: reactions and onboarding are off')
    }
    return async () => {
      // Another replica may lead already (a lost lock), and the database may be why: everything
      // that posts stops at once, before anything waits, so that no message is posted twice. The
      // catch-up stops first, while the stream is still up (see its `stop`).
      leading = false
      const stopping = [catchUp.stop(), summaries.close(), notifier.close(), channels.close(), stopReminders()]
      events?.close()
      await Promise.all(stopping)
    }
  }

  const server = createBotServer(deps, {
    ...(tuning.requestReceiveTimeoutMs === undefined ? {} : { receiveTimeoutMs: tuning.requestReceiveTimeoutMs }),
    ...(tuning.idleConnectionTimeoutMs === undefined ? {} : { idleConnectionTimeoutMs: tuning.idleConnectionTimeoutMs }),
  })
  const url = await server.app.listen({ port: settings.port, host: tuning.host ?? '0.0.0.0' })
  const leadership = startLeadership({ locks: options.locks, lockName: BOT_LEADER_LOCK, lead, retryMs: tuning.leaderRetryMs ?? 2_000, logger })
  logger.info({ url, trigger: settings.trigger }, 'incident bot listening')
  return {
    url,
    isLeader: leadership.isLeader,
    close: async () => {
      await leadership.close()
      await server.close()
      await deps.lateWork.settled(LATE_WORK_GRACE_MS)
      const unfinished = deps.lateWork.running()
      if (unfinished > 0) logger.warn({ unfinished }, 'closing with requests still being carried out after their early reply')
    },
  }
}
