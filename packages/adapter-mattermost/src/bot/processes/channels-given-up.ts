import type { CheckpointStore, Clock } from '@incident-kit/core'

/**
 * The key under which the channel reconciler records, in the checkpoint store, that it gave up on
 * an incident's channel (the value is when).
 *
 * @example
 * await checkpoints.load(channelUnavailableKey('i-42')) // '2026-03-01T09:00:00.000Z' once given up
 */
export const channelUnavailableKey = (incidentId: string) => `mattermost-channel-unavailable:${incidentId}`

/** The incidents whose channel the reconciler gave up on for good: the notifier need not wait for it. */
export interface ChannelsGivenUp {
  /** Records, durably, that the incident will get no channel from the reconciler. */
  giveUp(incidentId: string): Promise<void>
  /** True once the reconciler gave up on the incident's channel, in this process or in an earlier leader's. */
  hasGivenUp(incidentId: string): Promise<boolean>
}

/**
 * Kept in the bot's `CheckpointStore`, beside the delivery checkpoints of the same database, so that
 * a restarted bot or the next leader knows it without the reconciler trying again (its checkpoint
 * is past the incident's start). Only the leader writes; a give-up is never taken back (an incident
 * that gets a channel after all no longer asks). A give-up is also remembered in memory, so the
 * notifier of the same process learns it at once and reads each incident's key at most until then.
 *
 * @example
 * const givenUp = createChannelsGivenUp(checkpoints, clock)
 * await givenUp.giveUp('i-42')
 * await givenUp.hasGivenUp('i-42') // true, here and after a restart
 */
export const createChannelsGivenUp = (checkpoints: CheckpointStore, clock: Clock): ChannelsGivenUp => {
  // Only give-ups are kept: "not given up" may change at any moment.
  const known = new Set<string>()
  return {
    giveUp: async (incidentId) => {
      known.add(incidentId)
      await checkpoints.save(channelUnavailableKey(incidentId), clock.now())
    },
    hasGivenUp: async (incidentId) => {
      if (known.has(incidentId)) return true
      if ((await checkpoints.load(channelUnavailableKey(incidentId))) === undefined) return false
      known.add(incidentId)
      return true
    },
  }
}
