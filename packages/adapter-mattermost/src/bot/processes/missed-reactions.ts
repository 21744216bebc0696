import type { MattermostEventStreamStatus, MattermostPost, MattermostReaction, MattermostTeam } from '../../client/index.js'
import type { BotDeps } from '../runtime/bot-deps.js'
import { isTriggerReaction, startFromPost } from './chat-events.js'

/** The bot's clock and Mattermost's may disagree; looking back this much further loses nothing to skew. */
const CLOCK_SKEW_MARGIN_MS = 60_000
/** The most posts Mattermost answers to `since` (the newest created); a full answer may have cut some. */
const SINCE_ANSWER_LIMIT = 1_000

/** Wired into the event stream: notes when it connects, catches up when it resyncs. */
export interface MissedReactions {
  /** For `connectEvents({ onStatus })`. */
  readonly onStatus: (status: MattermostEventStreamStatus) => void
  /** For `connectEvents({ onResync })`: resolves once the catch-up is done; never rejects. */
  readonly onResync: () => Promise<void>
  /** Stops a catch-up in progress before its next channel or post, and waits for it. */
  readonly stop: () => Promise<void>
}

interface Tally {
  channels: number
  triggers: number
}

/**
 * Finds the trigger reactions made while the WebSocket was down (the stream resyncs when it could
 * not resume) and starts their incidents through the same idempotent `startFromPost` as a live
 * reaction. It reads, in each team of the bot, the channels it is a member of, and there the
 * posts changed since the lost connection came up: a reaction changes its post's `update_at`,
 * and posts read back carry their reactions. A reaction older than that was seen live.
 *
 * @example
 * const missed = createMissedReactions(deps, me.id)
 * const events = api.connectEvents({ onEvent, onStatus: missed.onStatus, onResync: missed.onResync })
 * // on shutdown: events.close(); await missed.stop()
 */
export const createMissedReactions = (deps: BotDeps, botUserId: string): MissedReactions => {
  const now = () => Date.parse(deps.clock.now())
  // The stream cannot tell when a connection silently died, only when it came up: a lost
  // connection is known good from then, and a resumed one replayed what it missed.
  let connectedAt = now()
  let previousConnectedAt = connectedAt
  let stopped = false
  let running: Promise<void> = Promise.resolve()

  const startMissed = async (post: MattermostPost, reaction: MattermostReaction) => {
    try {
      await startFromPost(deps, post.id, reaction.user_id)
    } catch (error) {
      deps.logger.warn({ postId: post.id, err: String(error) }, 'could not start an incident from a reaction missed while disconnected')
    }
  }

  const scanTeam = async (team: MattermostTeam, since: number, tally: Tally) => {
    for (const channel of await deps.api.listMyChannels(team.id)) {
      // Direct and group messages come with every team, and no incident starts there.
      if (stopped || channel.team_id !== team.id) continue
      tally.channels += 1
      const posts = await deps.api.listChannelPosts(channel.id, { since })
      if (posts.length >= SINCE_ANSWER_LIMIT) {
        deps.logger.warn({ channelId: channel.id, posts: posts.length }, 'more posts changed while disconnected than Mattermost lists: reactions on older ones stay missed')
      }
      for (const post of posts) {
        const reaction = firstMissedTrigger(post, since, (candidate) => isTriggerReaction(deps, botUserId, candidate))
        if (stopped || reaction === undefined) continue
        tally.triggers += 1
        await startMissed(post, reaction)
      }
    }
  }

  const catchUp = async (since: number) => {
    const tally: Tally = { channels: 0, triggers: 0 }
    try {
      for (const team of await deps.api.listMyTeams()) await scanTeam(team, since, tally)
      const outcome = stopped ? 'stopped looking for reactions missed while disconnected' : 'looked for reactions missed while disconnected'
      deps.logger.info({ since: new Date(since).toISOString(), ...tally }, outcome)
    } catch (error) {
      deps.logger.warn({ since: new Date(since).toISOString(), ...tally, err: String(error) }, 'could not look for reactions missed while disconnected')
    }
  }

  return {
    onStatus: (status) => {
      if (status !== 'connected') return
      previousConnectedAt = connectedAt
      connectedAt = now()
    },
    onResync: () => {
      running = catchUp(previousConnectedAt - CLOCK_SKEW_MARGIN_MS)
      return running
    },
    stop: async () => {
      stopped = true
      await running
    },
  }
}

/** The earliest trigger reaction on a post made at or after `since`, if any. */
const firstMissedTrigger = (post: MattermostPost, since: number, isTrigger: (reaction: MattermostReaction) => boolean): MattermostReaction | undefined =>
  (post.metadata?.reactions ?? [])
    .filter((reaction) => reaction.create_at >= since && isTrigger(reaction))
    .reduce<MattermostReaction | undefined>((first, reaction) => (first === undefined || reaction.create_at < first.create_at ? reaction : first), undefined)
