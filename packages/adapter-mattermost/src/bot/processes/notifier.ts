import { incidentIdOfStream, type StoredEvent, type Verbosity } from '@incident-kit/core'
import { isMattermostUnavailable } from '../../client/index.js'
import { actionUrl, type BotDeps } from '../runtime/bot-deps.js'
import { DeliveryNotReady, isRefusedForGood, type DeliveryAttempt } from './checkpointed-delivery.js'
import { eventDeliveries, incidentVerbosity, type Delivery } from './event-deliveries.js'
import { DELIVERY_PROP, type PostLedger } from './post-ledger.js'

/** Props every post of the notifier carries, so that a post can be traced to its event. */
export const EVENT_ID_PROP = 'incident_kit_event_id'

export interface NotifierOptions {
  readonly ledger: PostLedger
}

/** How long an event waits for its incident's channel before it is passed over. */
const CHANNEL_WAIT_MS = 10 * 60_000

/**
 * The notifier: turns each event into its posts. Run through `startCheckpointedDelivery` in the
 * leader, it posts each message exactly once: a retry or the first event after a restart first looks
 * for a post carrying the same delivery key. Events of an incident whose channel is still being
 * created wait for it (`DeliveryNotReady`), so nothing said while Mattermost was down is lost.
 *
 * @example
 * const notify = createNotifier(deps, { ledger })
 * startCheckpointedDelivery({ name: 'mattermost-notifier', store, checkpoints, deliver: notify, logger })
 */
export const createNotifier = (deps: BotDeps, options: NotifierOptions) => {
  const waitingSince = new Map<string, number>()
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

  const channelOf = async (delivery: Delivery) => {
    if ('channelId' in delivery.target) return delivery.target.channelId
    const userId = delivery.target.userId
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

  const post = async (event: StoredEvent, delivery: Delivery, attempt: DeliveryAttempt) => {
    const channelId = await channelOf(delivery)
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
   * Each post on its own: one that Mattermost refuses for good (the bot is not in that broadcast
   * channel, the channel was archived) is logged, and the rest are still posted. Any other failure
   * stops the event to retry it; the retry finds the posts already made by their delivery keys.
   */
  const postEach = async (event: StoredEvent, deliveries: readonly Delivery[], attempt: DeliveryAttempt) => {
    for (const delivery of deliveries) {
      try {
        await post(event, delivery, attempt)
      } catch (error) {
        if (!isRefusedForGood(error)) throw error
        deps.logger.warn({ incidentId: incidentIdOfStream(event.streamId), eventId: event.id, type: event.type, ...delivery.target, err: String(error) }, 'Mattermost refused a post of this event; its other posts go on')
      }
    }
  }

  return async (event: StoredEvent, attempt: DeliveryAttempt): Promise<void> => {
    const incidentId = incidentIdOfStream(event.streamId)
    if (incidentId === undefined) return
    const model = await deps.model.refresh()
    const incident = model.incidents[incidentId]
    const recordIndex = incident?.timeline.findIndex((r) => r.position === event.position) ?? -1
    if (!incident || recordIndex < 0) return
    if (incident.channelId === null && incident.status === 'active') {
      // Counted per incident: once an incident has waited long enough, its later events do not wait again.
      const since = waitingSince.get(incidentId) ?? Date.now()
      waitingSince.set(incidentId, since)
      if (Date.now() - since < CHANNEL_WAIT_MS) throw new DeliveryNotReady(`incident ${incidentId} has no channel yet`)
    } else waitingSince.delete(incidentId)
    if (event.type === 'incident.commander_changed' && incident.channelId !== null) await addToChannel(incident.channelId, event.data.to)
    const context = {
      incident,
      recordIndex,
      mention: deps.names.mention,
      actionUrl: actionUrl(deps.settings),
      secret: deps.settings.signingSecret,
      channelLink: `~${incident.channelName}`,
      fallbackVerbosity: incidentVerbosity(incident) ?? (await fallbackVerbosity(incident.teamId)),
    }
    const deliveries = await eventDeliveries(event, context)
    await postEach(event, deliveries, attempt)
  }
}
