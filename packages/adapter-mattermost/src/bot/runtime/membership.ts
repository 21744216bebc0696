import { isMattermostUnavailable, type MattermostApi } from '../../client/index.js'
import { createLruMap } from './lru-map.js'

/** Whether a user belongs to a channel, asked of Mattermost, with what the bot already knows as a fallback. */
export interface Membership {
  /** `true`/`false` from Mattermost; when Mattermost is unreachable, what the bot saw last, else throws. */
  isMember(channelId: string, userId: string): Promise<boolean>
  /** Records a membership seen elsewhere: the bot added the user, or a `user_added` event. */
  learn(channelId: string, userId: string, member: boolean): void
}

const key = (channelId: string, userId: string) => `${channelId}/${userId}`

/**
 * The bot sees every join and leave in every channel it is in, Town Square's too: kept whole, that
 * grows for as long as the bot runs. The fallback is for people at work in an incident now, whose
 * memberships are the recently used ones.
 */
const MAX_MEMBERSHIPS = 10_000

export interface MembershipOptions {
  /** How many memberships are remembered for the fallback, least recently used forgotten first; 10 000. */
  readonly maxRemembered?: number
}

/**
 * Membership checks for "only channel members change an incident". Mattermost is the authority;
 * when it cannot answer in time, members the bot added or saw join still may act (their slash
 * command arrives through Mattermost, so it is up) and anyone else is told to retry. Only the
 * `maxRemembered` memberships last used are kept for that: someone the bot forgot is told to retry.
 *
 * @example
 * if (!(await membership.isMember(incident.channelId, request.user_id))) return ephemeral('Join the channel first.')
 */
export const createMembership = (api: MattermostApi, options: MembershipOptions = {}): Membership => {
  const known = createLruMap<string, boolean>(options.maxRemembered ?? MAX_MEMBERSHIPS)
  return {
    learn: (channelId, userId, member) => {
      known.set(key(channelId, userId), member)
    },
    isMember: async (channelId, userId) => {
      try {
        const member = await api.isChannelMember(channelId, userId)
        known.set(key(channelId, userId), member)
        return member
      } catch (error) {
        const seen = known.get(key(channelId, userId))
        if (isMattermostUnavailable(error) && seen !== undefined) return seen
        throw error
      }
    },
  }
}
