import type { Clock } from '@incident-kit/core'
import type { IncidentRecord } from '@incident-kit/projections'
import type { ChannelsGivenUp } from './channels-given-up.js'
import { DeliveryNotReady } from './checkpointed-delivery.js'

/**
 * How long an incident's events wait for its channel, once per incident, before they go on without
 * it: for a channel the reconciler is still making (Mattermost slow or down), not one it gave up on.
 */
const CHANNEL_WAIT_MS = 10 * 60_000

/**
 * What the notifier remembers of the incidents it could not post in, kept only while that matters:
 * from the first event that finds no channel until the incident's channel is linked or it ends.
 */
export interface ChannelLessIncidents {
  /** Rejects with `DeliveryNotReady` while the incident's events should still wait for its channel. */
  waitForChannel(incident: IncidentRecord): Promise<void>
  /** Counts an event whose message for the incident's channel was not posted; false when it was counted already. */
  miss(incidentId: string, eventId: string): boolean
  /** How many of the incident's messages were not posted in its channel. */
  missed(incidentId: string): number
  /** The incident's channel was linked, or it ended: nothing about it is needed any more. */
  forget(incidentId: string): void
  /** How many incidents are remembered. */
  remembered(): number
}

/**
 * An incident waits for its channel only until it first ends: the reconciler makes channels for a
 * start, not for a reopen, so a reopened incident without one would wait for nothing.
 */
const mayGetChannel = (incident: IncidentRecord) =>
  incident.channelId === null && incident.status === 'active' && !incident.timeline.some((r) => r.type === 'incident.ended')

/**
 * The notifier's memory of incidents without a channel: each waits once (`CHANNEL_WAIT_MS` from
 * the first event that found no channel), and the events whose message was not posted are counted
 * for the note its channel gets if linked later. An incident whose channel the reconciler gave up
 * on (`givenUp`, kept in the database) does not wait at all: otherwise, with deliveries in log
 * order, it would hold back every team's messages for the whole wait, and again after each restart
 * or handover. The wait itself is in memory: a restart waits again for a channel still being made
 * (so it is posted in, in order, once made), and the note counts only what was missed since.
 *
 * @example
 * const channelLess = createChannelLessIncidents(clock, givenUp)
 * await channelLess.waitForChannel(incident) // rejects with DeliveryNotReady for ten minutes, unless given up
 */
export const createChannelLessIncidents = (clock: Clock, givenUp: ChannelsGivenUp): ChannelLessIncidents => {
  const waitingSince = new Map<string, number>()
  // A set per incident: an event may be retried.
  const missedEvents = new Map<string, Set<string>>()
  return {
    waitForChannel: async (incident) => {
      if (!mayGetChannel(incident)) return
      if (await givenUp.hasGivenUp(incident.incidentId)) {
        waitingSince.delete(incident.incidentId)
        return
      }
      const now = Date.parse(clock.now())
      const since = waitingSince.get(incident.incidentId) ?? now
      waitingSince.set(incident.incidentId, since)
      if (now - since < CHANNEL_WAIT_MS) throw new DeliveryNotReady(`incident ${incident.incidentId} has no channel yet`)
    },
    miss: (incidentId, eventId) => {
      const missed = missedEvents.get(incidentId) ?? new Set<string>()
      if (missed.has(eventId)) return false
      missedEvents.set(incidentId, missed.add(eventId))
      return true
    },
    missed: (incidentId) => missedEvents.get(incidentId)?.size ?? 0,
    forget: (incidentId) => {
      waitingSince.delete(incidentId)
      missedEvents.delete(incidentId)
    },
    remembered: () => new Set([...waitingSince.keys(), ...missedEvents.keys()]).size,
  }
}
