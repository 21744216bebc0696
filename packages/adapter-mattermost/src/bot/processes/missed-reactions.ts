import type { MattermostChannel, MattermostPost, MattermostReaction, MattermostTeam } from '../../client/index.js'
import type { BotDeps } from '../runtime/bot-deps.js'
import { canStartIncidents, isTriggerReaction, startQuoting } from './chat-events.js'

/** The bot's clock and Mattermost's may disagree; looking back this much further loses nothing to skew. */
const CLOCK_SKEW_MARGIN_MS = 60_000
/** The most posts Mattermost answers to `since` (the newest created); a full answer may have cut some. */
const SINCE_ANSWER_LIMIT = 1_000

export interface MissedReactionsScan {
  /** The bot's time from which reactions may have been missed; the scan looks back a margin further. */
  readonly from: number
  /** When they were missed, for the logs: `while disconnected`, `before this replica led`. */
  readonly missedWhen: string
  /** Checked before each channel and post: a stopping bot leaves the rest for the next leader. */
  readonly isStopped: () => boolean
}

interface Tally {
  channels: number
  triggers: number
  failed: number
}

/**
 * Finds the trigger reactions made since `from` that nobody handled (the WebSocket was down, or no
 * replica was running) and starts their incidents as a live reaction does (`startQuoting`,
 * idempotent), from the posts it read. It reads, in each team of the bot, the channels it is a
 * member of where posts can start incidents, and there the posts changed since then: a reaction
 * changes its post's `update_at`, and posts read back carry their reactions.
 *
 * Resolves `true` when every channel was read and every incident started; never rejects.
 *
 * @example
 * const complete = await scanMissedReactions(deps, me.id, { from: lostConnectionUpAt, missedWhen: 'while disconnected', isStopped: () => stopped })
 */
export const scanMissedReactions = async (deps: BotDeps, botUserId: string, scan: MissedReactionsScan): Promise<boolean> => {
  const since = scan.from - CLOCK_SKEW_MARGIN_MS
  const tally: Tally = { channels: 0, triggers: 0, failed: 0 }
  const sinceIso = new Date(since).toISOString()

  const startMissed = async (post: MattermostPost, channel: MattermostChannel, reaction: MattermostReaction) => {
    try {
      await startQuoting(deps, post, channel.team_id, reaction.user_id)
    } catch (error) {
      tally.failed += 1
      deps.logger.warn({ postId: post.id, err: String(error) }, `could not start an incident from a reaction missed ${scan.missedWhen}`)
    }
  }

  const scanTeam = async (team: MattermostTeam) => {
    for (const channel of await deps.api.listMyChannels(team.id)) {
      // Direct and group messages come with every team, and, as in incident channels (the bot is
      // in every one), no incident starts there: their posts are not worth reading.
      if (scan.isStopped() || channel.team_id !== team.id || !canStartIncidents(deps, channel)) continue
      tally.channels += 1
      const posts = await deps.api.listChannelPosts(channel.id, { since })
      if (posts.length >= SINCE_ANSWER_LIMIT) {
        deps.logger.warn({ channelId: channel.id, posts: posts.length }, `more posts changed ${scan.missedWhen} than Mattermost lists: reactions on older ones stay missed`)
      }
      for (const post of posts) {
        const reaction = firstMissedTrigger(post, since, (candidate) => isTriggerReaction(deps, botUserId, candidate))
        if (scan.isStopped() || reaction === undefined) continue
        tally.triggers += 1
        await startMissed(post, channel, reaction)
      }
    }
  }

  try {
    // Which channels are incidents' own comes from the model: brought up to date before the first
    // is skipped (at a leader's start nothing may have read the log yet).
    await deps.model.refresh()
    for (const team of await deps.api.listMyTeams()) await scanTeam(team)
    const stopped = scan.isStopped()
    const outcome = stopped ? 'stopped looking for reactions missed' : 'looked for reactions missed'
    deps.logger.info({ since: sinceIso, ...tally }, `${outcome} ${scan.missedWhen}`)
    return !stopped && tally.failed === 0
  } catch (error) {
    deps.logger.warn({ since: sinceIso, ...tally, err: String(error) }, `could not look for reactions missed ${scan.missedWhen}`)
    return false
  }
}

/** The earliest trigger reaction on a post made at or after `since`, if any. */
const firstMissedTrigger = (post: MattermostPost, since: number, isTrigger: (reaction: MattermostReaction) => boolean): MattermostReaction | undefined =>
  (post.metadata?.reactions ?? [])
    .filter((reaction) => reaction.create_at >= since && isTrigger(reaction))
    .reduce<MattermostReaction | undefined>((first, reaction) => (first === undefined || reaction.create_at < first.create_at ? reaction : first), undefined)
