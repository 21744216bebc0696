import { incidentIdOfStream, type StoredEvent, type Verbosity } from '@incident-kit/core'
import { isMattermostUnavailable } from '../../client/index.js'
import type { IncidentRecord } from '@incident-kit/projections'
import { actionUrl, type BotDeps } from '../runtime/bot-deps.js'
import { isTeamMember } from '../runtime/team-roles.js'
import type { ChannelLessIncidents } from './channel-less-incidents.js'
import { isRefusedForGood, type DeliveryAttempt } from './checkpointed-delivery.js'
import { eventDeliveries, hasTarget, incidentVerbosity, missedPostsNote, type PostTarget, type TargetedDelivery } from './event-deliveries.js'
import { DELIVERY_PROP, type PostLedger } from './post-ledger.js'

/** Props every post of the notifier carries, so that a post can be traced to its event. */
export const EVENT_ID_PROP = 'incident_kit_event_id'

export interface NotifierOptions {
  readonly ledger: PostLedger
  /**
   * What it remembers of incidents without a channel. Built on the channel reconciler's give-ups
   * (`createChannelLessIncidents(clock, givenUp)`), so as not to wait for a channel it gave up on.
   */
  readonly channelLess: ChannelLessIncidents
}

/**
 * The notifier: turns each event into its posts. Run through `startCheckpointedDelivery` in the
 * leader, it posts each message exactly once: a retry or the first event after a restart first looks
 * for a post carrying the same delivery key. Events of an incident whose channel is still being
 * created wait for it (`DeliveryNotReady`), so nothing said while Mattermost was down is lost. The
 * wait is bounded, once per incident, and skipped for an incident whose channel the reconciler gave
 * up on, so that one incident whose channel cannot be made does not hold back every other team's
 * messages: after it, each message for that channel is not posted and logged, and when the channel
 * is linked at last it gets one note saying how many were missed.
 * What it remembers of such an incident is dropped when its channel is linked or it ends.
 * A direct message goes only to someone still on the incident's team; a status reminder for a
 * commander who left it goes to the incident's channel instead.
 *
 * @example
 * const notify = createNotifier(deps, { ledger, channelLess: createChannelLessIncidents(deps.clock, givenUp) })
 * startCheckpointedDelivery({ name: 'mattermost-notifier', store, checkpoints, deliver: notify, logger })
 */
export const createNotifier = (deps: BotDeps, options: NotifierOptions) => {
  const channelLess = options.channelLess
  const dmChannels = new Map<string, string>()
  const teamNames = new Map<string, string>()
  const teamSettings = deps.settings.verbosity

  /** The team's verbosity from the settings: by id, else by URL name (asked of Mattermost once). */
  const fallbackVerbosity = async (teamId: string): Promise<Verbosity> => {
    if (!teamSettings) return 'all'
    const byId = teamSettings.byTeam[teamId.toLowerCase()]
    if (byId !== undefined || Object.keys(teamSettings.byTeam).length === 0) return byId ?? teamSettings.default
    let name = teamNames.get(teamId)
    if (name === undefined) {
      name = (await deps.api.getTeam(teamId)).name.toLowerCase()
      teamNames.set(teamId, name)
    }
    return teamSettings.byTeam[name] ?? teamSettings.default
  }

  const channelOf = async (target: PostTarget) => {
    if ('channelId' in target) return target.channelId
    const userId = target.userId
    const known = dmChannels.get(userId)
    if (known !== undefined) return known
    const channel = await deps.api.getDirectChannel(userId)
    dmChannels.set(userId, channel.id)
    return channel.id
  }

  /**
   * Adds the new commander to the channel. Only Mattermost being unavailable postpones the event:
   * a refusal (someone who left the team) is logged, and the handover is still announced.
   */
  const addToChannel = async (channelId: string, userId: string) => {
    try {
      await deps.api.addChannelMember(channelId, userId)
      deps.membership.learn(channelId, userId, true)
    } catch (error) {
      if (isMattermostUnavailable(error)) throw error
      deps.logger.warn({ channelId, userId, err: String(error) }, 'could not add the new commander to the incident channel')
    }
  }

  const post = async (event: StoredEvent, delivery: TargetedDelivery, attempt: DeliveryAttempt) => {
    const channelId = await channelOf(delivery.target)
    if (attempt.uncertain && (await options.ledger.findPost(channelId, DELIVERY_PROP, delivery.key))) return
    // Posted as it is: eventDeliveries renders it postable, as the other posts' renderers do.
    await deps.api.createPost({
      channelId,
      message: delivery.message,
      ...(delivery.rootId ? { rootId: delivery.rootId } : {}),
      props: { [EVENT_ID_PROP]: event.id, [DELIVERY_PROP]: delivery.key },
      ...(delivery.attachmentsFor ? { attachments: delivery.attachmentsFor(channelId) } : {}),
    })
  }

  /**
   * A direct message carries the incident's name, items and channel link, so it goes only to someone
   * still on the incident's team: a commander or assignee may have left it since they were named.
   * Asked every time (`isTeamMember`); Mattermost being down throws, and the event is retried.
   */
  const mayReceive = async (event: StoredEvent, incident: IncidentRecord, target: PostTarget) => {
    if (!('userId' in target) || (await isTeamMember(deps.api, incident.teamId, target.userId))) return true
    deps.logger.info({ incidentId: incident.incidentId, eventId: event.id, type: event.type, userId: target.userId }, 'no longer on the incident\'s team: no direct message')
    return false
  }

  /** The delivery itself, else what replaces it when its person has left the team (`insteadIfGone`), else nothing. */
  const deliveryToPost = async (event: StoredEvent, incident: IncidentRecord, delivery: TargetedDelivery): Promise<TargetedDelivery | undefined> => {
    if (await mayReceive(event, incident, delivery.target)) return delivery
    const instead = delivery.insteadIfGone
    return instead && hasTarget(instead) ? instead : undefined
  }

  /**
   * Each post on its own: one that Mattermost refuses for good (the bot is not in that broadcast
   * channel, the channel was archived) is logged, and the rest are still posted. Any other failure
   * stops the event to retry it; the retry finds the posts already made by their delivery keys.
   */
  const postEach = async (event: StoredEvent, incident: IncidentRecord, deliveries: readonly TargetedDelivery[], attempt: DeliveryAttempt) => {
    for (const delivery of deliveries) {
      // What is posted (a reminder's stand-in, say), so that a refusal names where it was refused.
      let target = delivery.target
      try {
        const toPost = await deliveryToPost(event, incident, delivery)
        if (toPost) {
          target = toPost.target
          await post(event, toPost, attempt)
        }
      } catch (error) {
        if (!isRefusedForGood(error)) throw error
        deps.logger.warn({ incidentId: incidentIdOfStream(event.streamId), eventId: event.id, type: event.type, ...target, err: String(error) }, 'Mattermost refused a post of this event; its other posts go on')
      }
    }
  }

  /** The incident's channel does not exist: its message is not posted, but logged and counted for the note. */
  const missChannelPost = (incidentId: string, event: StoredEvent) => {
    if (!channelLess.miss(incidentId, event.id)) return
    deps.logger.warn({ incidentId, eventId: event.id, type: event.type }, 'the incident has no channel: its message there is not posted')
  }

  /** The note for a channel linked after some of its incident's messages were missed: with its link event. */
  const missedNoteFor = (event: StoredEvent, incidentId: string, channelId: string | null): TargetedDelivery[] => {
    const missed = channelLess.missed(incidentId)
    if (event.type !== 'incident.channel_linked' || channelId === null || missed === 0) return []
    return [missedPostsNote(event, channelId, missed, deps.settings.trigger)]
  }

  return async (event: StoredEvent, attempt: DeliveryAttempt): Promise<void> => {
    const incidentId = incidentIdOfStream(event.streamId)
    if (incidentId === undefined) return
    const model = await deps.model.refresh()
    const incident = model.incidents[incidentId]
    const recordIndex = incident?.timeline.findIndex((r) => r.position === event.position) ?? -1
    if (!incident || recordIndex < 0) return
    await channelLess.waitForChannel(incident)
    if (event.type === 'incident.commander_changed' && incident.channelId !== null) await addToChannel(incident.channelId, event.data.to)
    const context = {
      incident,
      recordIndex,
      mention: deps.names.mention,
      actionUrl: actionUrl(deps.settings),
      secret: deps.settings.signingSecret,
      channelLink: `~${incident.channelName}`,
      fallbackVerbosity: incidentVerbosity(incident) ?? (await fallbackVerbosity(incident.teamId)),
      trigger: deps.settings.trigger,
    }
    const deliveries = await eventDeliveries(event, context)
    if (!deliveries.every(hasTarget)) missChannelPost(incidentId, event)
    await postEach(event, incident, [...deliveries.filter(hasTarget), ...missedNoteFor(event, incidentId, incident.channelId)], attempt)
    if (event.type === 'incident.channel_linked' || event.type === 'incident.ended') channelLess.forget(incidentId)
  }
}
