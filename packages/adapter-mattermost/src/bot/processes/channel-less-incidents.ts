import type { Clock } from '@incident-kit/core'
import type { IncidentRecord } from '@incident-kit/projections'
import { DeliveryNotReady } from './checkpointed-delivery.js'

/** How long an incident's events wait for its channel, once per incident, before they go on without it. */
const CHANNEL_WAIT_MS = 10 * 60_000

/**
 * What the notifier remembers of the incidents it could not post in, kept only while that matters:
 * from the first event that finds no channel until the incident's channel is linked or it ends.
 */
export interface ChannelLessIncidents {
  /** Throws `DeliveryNotReady` while the incident's events should still wait for its channel. */
  waitForChannel(incident: IncidentRecord): void
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
 * for the note its channel gets if linked later. In memory: a restart waits again, and its note
 * counts only what was missed since.
 *
 * @example
 * const channelLess = createChannelLessIncidents(clock)
 * channelLess.waitForChannel(incident) // throws DeliveryNotReady for ten minutes
 */
export const createChannelLessIncidents = (clock: Clock): ChannelLessIncidents => {
  const waitingSince = new Map<string, number>()
  // A set per incident: an event may be retried.
  const missedEvents = new Map<string, Set<string>>()
  return {
    waitForChannel: (incident) => {
      if (!mayGetChannel(incident)) return
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
