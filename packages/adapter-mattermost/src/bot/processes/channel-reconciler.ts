import * as E from 'fp-ts/lib/Either.js'
import type { IncidentState, StoredEvent } from '@incident-kit/core'
import {
  MATTERMOST_CHANNEL_NAME_TAKEN,
  channelNameWithSuffix,
  toChannelName,
  type MattermostChannel,
} from '../../client/index.js'
import { isIncidentKitError } from '@incident-kit/core'
import type { BotDeps } from '../runtime/bot-deps.js'
import type { ChannelsGivenUp } from './channels-given-up.js'
import { isRefusedForGood } from './checkpointed-delivery.js'

/** How many names (`name`, `name-2`, …) are tried before giving up on a channel. */
const NAME_ATTEMPTS = 20
const PURPOSE_MAX = 250

/**
 * Written into the purpose of every incident channel: how the bot recognises its own channel.
 *
 * @example
 * channelMarker('i-42') // 'incident-kit:i-42'
 */
export const channelMarker = (incidentId: string) => `incident-kit:${incidentId}`

/**
 * The incident's channel: made by the bot, with the incident's marker. The marker alone is not
 * enough: anyone can create a channel with the name and purpose the bot is about to use (the id of
 * an incident started from a post is derived from the post) and have the bot link it.
 */
const isOurs = (channel: MattermostChannel, incidentId: string, botUserId: string) =>
  channel.creator_id === botUserId && (channel.purpose ?? '').includes(channelMarker(incidentId))

const purposeFor = (state: IncidentState) => {
  const marker = ` · ${channelMarker(state.incidentId)}`
  return `Incident: ${state.name.slice(0, PURPOSE_MAX - marker.length - 10)}${marker}`
}

const isNameTaken = (error: unknown) => isIncidentKitError(error, MATTERMOST_CHANNEL_NAME_TAKEN)

/**
 * Finds or creates the channel of an incident. Names are tried in a fixed order and a channel is
 * recognised as the incident's by its creator and the marker in its purpose (`isOurs`), so running
 * this again (after a crash between creating the channel and recording it, or on another replica)
 * finds the same channel instead of making a second one; a name taken by anyone else's channel
 * moves on to the next. `undefined` when every name tried is taken by someone else's channel.
 *
 * @example
 * const channel = await ensureIncidentChannel(deps, state, botUserId)
 */
const ensureIncidentChannel = async (deps: BotDeps, state: IncidentState, botUserId: string): Promise<MattermostChannel | undefined> => {
  const base = toChannelName(state.channelName || state.name, 'incident')
  for (let attempt = 1; attempt <= NAME_ATTEMPTS; attempt++) {
    const name = attempt === 1 ? base : channelNameWithSuffix(base, attempt)
    const existing = await deps.api.getChannelByName(state.teamId, name, { includeDeleted: true })
    if (existing) {
      if (isOurs(existing, state.incidentId, botUserId)) return existing
      continue
    }
    try {
      return await deps.api.createChannel({ teamId: state.teamId, displayName: state.name, name, private: false, purpose: purposeFor(state), maxNameAttempts: 1 })
    } catch (error) {
      if (!isNameTaken(error)) throw error
      const raced = await deps.api.getChannelByName(state.teamId, name, { includeDeleted: true })
      if (raced && isOurs(raced, state.incidentId, botUserId)) return raced
    }
  }
  return undefined
}

/** Why an incident's channel can never be made: the error line's message and fields. */
interface GiveUp {
  readonly why: string
  readonly fields: Record<string, unknown>
}

/**
 * The incident's channel, or why it can never be made: every name is taken by someone else's
 * channel, or Mattermost refused for good (`isRefusedForGood`: 403 no permission to create channels
 * in the team, a 4xx). Anything else (Mattermost unavailable) is thrown, and the event is retried.
 */
const channelOrGiveUp = async (deps: BotDeps, state: IncidentState, botUserId: string): Promise<MattermostChannel | GiveUp> => {
  try {
    return (await ensureIncidentChannel(deps, state, botUserId)) ?? { why: 'every channel name tried is taken: the incident gets no channel', fields: { namesTried: NAME_ATTEMPTS } }
  } catch (error) {
    if (!isRefusedForGood(error)) throw error
    return { why: 'Mattermost refused to create the channel: the incident gets no channel', fields: { err: String(error) } }
  }
}

/**
 * Adds each person on their own: Mattermost refusing one for good (`isRefusedForGood`: a reporter
 * who left the team or was deactivated) is logged and the next is still added, so the commander is
 * not left out of the channel. Anything else (Mattermost unavailable, a 429, a bug) is thrown, so
 * that the event is retried.
 */
const addMembers = async (deps: BotDeps, incidentId: string, channelId: string, userIds: ReadonlySet<string>) => {
  for (const userId of userIds) {
    try {
      await deps.api.addChannelMember(channelId, userId)
      deps.membership.learn(channelId, userId, true)
    } catch (error) {
      if (!isRefusedForGood(error)) throw error
      deps.logger.warn({ incidentId, channelId, userId, err: String(error) }, 'could not add this person to the incident channel')
    }
  }
}

/**
 * The process manager behind "every incident has exactly one channel": for each
 * `incident.started` of an incident that has no channel yet, it finds or creates the channel, records
 * `incident.channel_linked` (idempotently, keyed by the incident), then adds the reporter and the
 * commander. Members come last so that nobody can type in the channel before the log knows whose
 * it is; a redelivered event (a crash after the link) adds them again, which is harmless. Driven by
 * the log, so after a restart it finishes whatever was left half done. When every name is taken or
 * Mattermost refuses to create the channel, the incident gets no channel: that is logged, not
 * thrown, since a retry would only ask Mattermost the same again, twenty calls or more each time,
 * and recorded in `givenUp`, so that the notifier does not hold the incident's messages (and every
 * later one) waiting for a channel that will not come, now or after a restart or handover.
 *
 * @example
 * startCheckpointedDelivery({ name: 'mattermost-channels', store, checkpoints, deliver: createChannelReconciler(deps, botUserId, givenUp), logger })
 */
export const createChannelReconciler = (deps: BotDeps, botUserId: string, givenUp: ChannelsGivenUp) => async (event: StoredEvent) => {
  if (event.type !== 'incident.started') return
  const loaded = await deps.handler.loadIncident(event.data.incidentId)
  if (E.isLeft(loaded) || loaded.right.status !== 'active') return
  const state = loaded.right
  let channelId = state.channelId
  if (channelId === null) {
    const channel = await channelOrGiveUp(deps, state, botUserId)
    if ('why' in channel) {
      await givenUp.giveUp(state.incidentId)
      deps.logger.error({ incidentId: state.incidentId, ...channel.fields }, channel.why)
      return
    }
    const linked = await deps.handler.handle(
      { type: 'LinkChannel', incidentId: state.incidentId, channelId: channel.id, channelName: channel.name },
      { commandId: `link-channel-${state.incidentId}`, actorId: botUserId, correlationId: event.correlationId },
    )
    if (E.isLeft(linked) && linked.left._tag !== 'NoChange' && linked.left._tag !== 'IncidentEnded') {
      throw new Error(`could not record the channel of incident ${state.incidentId}: ${linked.left.message}`)
    }
    channelId = channel.id
  }
  await addMembers(deps, state.incidentId, channelId, new Set([state.reporterId, state.commanderId]))
}
