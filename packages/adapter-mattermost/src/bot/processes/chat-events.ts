import * as E from 'fp-ts/lib/Either.js'
import { isBlankText } from '@incident-kit/core'
import type { MattermostChannel, MattermostEvent, MattermostPost, MattermostReaction } from '../../client/index.js'
import type { BotDeps } from '../runtime/bot-deps.js'
import { idFromKey } from '../runtime/delivery-ids.js'
import { sendDirectMessage } from '../runtime/direct-message.js'
import { onboardingMessage } from '../render/onboarding-message.js'
import { firstRunes } from '../render/post-size.js'

const NAME_MAX = 80
const QUOTE_MAX = 2_000

export interface ChatEventHandlerOptions {
  /**
   * Checked before each event. The stream hands over events it received before it was closed: a
   * replica that stopped leading handles none of them, as the new leader may handle them too.
   */
  readonly isStopped: () => boolean
  /** Told of each trigger reaction as its handling starts (`ReactionCatchUp.onTriggerReaction`): one that fails is handled later. */
  readonly onTriggerReaction: (reaction: MattermostReaction, handling: Promise<void>) => void
}

/**
 * Reacts to Mattermost's WebSocket events (in the leader only):
 * - `reaction_added` with the configured emoji on any post starts an incident quoting that post
 *   (one incident per post, however many people react: the ids derive from the post);
 * - `user_added` to an incident channel sends the newcomer a private catch-up;
 * - membership changes keep the membership fallback current.
 *
 * @example
 * api.connectEvents({ onEvent: createChatEventHandler(deps, botUserId, { isStopped: () => !leading, onTriggerReaction: catchUp.onTriggerReaction }) })
 */
export const createChatEventHandler = (deps: BotDeps, botUserId: string, options: ChatEventHandlerOptions) => async (event: MattermostEvent) => {
  if (options.isStopped()) return
  try {
    if (event.type === 'user_added' || event.type === 'user_removed') {
      deps.membership.learn(event.channelId, event.userId, event.type === 'user_added')
      if (event.type === 'user_added' && event.userId !== botUserId) await onboard(deps, event.channelId, event.userId)
    }
    if (event.type === 'reaction_added' && isTriggerReaction(deps, botUserId, event.reaction)) {
      const handling = startFromPost(deps, event.reaction.post_id, event.reaction.user_id)
      options.onTriggerReaction(event.reaction, handling)
      await handling
    }
  } catch (error) {
    deps.logger.warn({ event: event.type, err: String(error) }, 'could not handle a Mattermost event')
  }
}

/**
 * A reaction that starts an incident: the configured emoji, by someone other than the bot.
 *
 * @example
 * isTriggerReaction(deps, botUserId, { user_id: alice, post_id, emoji_name: 'rotating_light', create_at }) // true
 */
export const isTriggerReaction = (deps: Pick<BotDeps, 'settings'>, botUserId: string, reaction: MattermostReaction): boolean =>
  reaction.emoji_name === deps.settings.reactionEmoji && reaction.user_id !== botUserId

const onboard = async (deps: BotDeps, channelId: string, userId: string) => {
  await deps.model.refresh()
  const incident = deps.model.incidentInChannel(channelId)
  if (!incident || incident.status !== 'active' || incident.reporterId === userId || incident.commanderId === userId) return
  const message = await onboardingMessage(incident, deps.names.mention)
  await sendDirectMessage(deps.api, userId, { message, props: { incident_kit_onboarding: incident.incidentId } })
}

/**
 * Starts an incident quoting a post, on behalf of the person who reacted to it (`startQuoting`),
 * unless posts in its channel start none (`canStartIncidents`).
 *
 * @example
 * await startFromPost(deps, reaction.post_id, reaction.user_id)
 */
const startFromPost = async (deps: BotDeps, postId: string, userId: string): Promise<void> => {
  const post = await deps.api.getPost(postId)
  const channel = await deps.api.getChannel(post.channel_id)
  if (!canStartIncidents(deps, channel)) return
  await startQuoting(deps, post, channel.team_id, userId)
}

/**
 * Whether a post in this channel may start an incident: not in an incident's own channel, nor in
 * a direct or group message (no team).
 *
 * @example
 * canStartIncidents(deps, townSquare) // true
 */
export const canStartIncidents = (deps: Pick<BotDeps, 'model'>, channel: MattermostChannel): boolean =>
  channel.team_id !== '' && deps.model.incidentInChannel(channel.id) === undefined

/**
 * Starts an incident quoting a post already read, in a channel of `teamId` that
 * `canStartIncidents`. Idempotent: the incident id and command id derive from the post, so a post
 * starts one incident however often it is asked (many reactions, a catch-up after a lost WebSocket).
 *
 * A refusal is logged as a warning naming the post, the person who reacted and why, since nobody
 * else learns of it; the incident existing already is no refusal (the start was repeated). Rejects
 * only on a `ConcurrencyConflict` (and when the handler throws), so that the reaction is tried again.
 *
 * @example
 * await startQuoting(deps, post, channel.team_id, reaction.user_id)
 */
export const startQuoting = async (deps: BotDeps, post: MattermostPost, teamId: string, userId: string): Promise<void> => {
  // A line of invisible characters only (U+200B) would be refused as a name: the first visible one, else the default.
  const firstLine = post.message.split('\n').find((line) => !isBlankText(line))?.trim() ?? ''
  const name = firstRunes(firstLine || 'Incident from a post', NAME_MAX)
  const quoted = firstRunes(post.message, QUOTE_MAX)
  const result = await deps.handler.handle(
    {
      type: 'StartIncident',
      incidentId: idFromKey(`reaction-${post.id}`),
      teamId,
      name,
      description: quoted,
      // The bot answers in the post's thread, and Mattermost takes only a thread's root as `root_id`.
      sourcePost: { postId: post.root_id || post.id, channelId: post.channel_id, message: quoted },
    },
    { commandId: `reaction-start-${post.id}`, actorId: userId },
  )
  if (E.isRight(result) || result.left._tag === 'IncidentAlreadyExists') return
  const error = result.left
  // A conflict is the one refusal that may pass: the handler retried it already, but other commands
  // on the stream may be done by the next try. Thrown, it counts as a failed handling: the live
  // path hands the rejection to the reaction catch-up (`onTriggerReaction`), which keeps its saved
  // time before the reaction and looks for it again with backoff, as a scan does for a post whose
  // start threw. Any other refusal (an invalid name, a reused command id) would be refused again
  // every time: thrown, it would hold the saved time back and be retried for as long as the bot
  // leads. It is final, logged and counted as handled.
  if (error._tag === 'ConcurrencyConflict') throw new Error(`the incident of post ${post.id} (reaction by ${userId}) was not started: ${error._tag}: ${error.message}`)
  deps.logger.warn({ postId: post.id, userId, code: error._tag, err: error.message }, 'a trigger reaction did not start an incident: the command was refused')
}
