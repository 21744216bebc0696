import { isMattermostUnavailable, type MattermostApi } from '../../client/index.js'
import type { UserNameCache } from './user-name-cache.js'

/** Usernames for ids and back, cached: messages say `@alice`, commands name `@alice`. */
export interface UserNames {
  /**
   * `@username`. The raw id when Mattermost has no such user, and while it cannot be asked either
   * that (`replyUserNames`) or a thrown `MattermostUnavailableError` (`deliveryUserNames`).
   */
  mention(userId: string): Promise<string>
  /** `@username` when the name is already known, without asking Mattermost; else `undefined`. */
  knownMention(userId: string): string | undefined
  /** The id of `username`, `undefined` when no such user. Throws when Mattermost cannot be asked. */
  idOf(username: string): Promise<string | undefined>
}

/** What `mention` does while Mattermost cannot be asked. */
type WhileUnavailable = 'mention the raw id' | 'throw'

/**
 * `getUser`/`getUserByUsername` behind the process's `UserNameCache`: Mattermost is asked again once
 * its answer is too old for the question (see `NAME_TO_ID_MAX_AGE_MS`, `ID_TO_NAME_MAX_AGE_MS`).
 */
const userNamesThrough = (api: MattermostApi, cache: UserNameCache, whileUnavailable: WhileUnavailable): UserNames => {
  const knownMention = (userId: string) => {
    const known = cache.usernameOf(userId)
    return known === undefined ? undefined : `@${known}`
  }
  return {
    knownMention,
    mention: async (userId) => {
      const known = knownMention(userId)
      if (known !== undefined) return known
      try {
        const user = await api.getUser(userId)
        cache.remember(user.id, user.username)
        return `@${user.username}`
      } catch (error) {
        if (whileUnavailable === 'throw' && isMattermostUnavailable(error)) throw error
        return userId
      }
    },
    idOf: async (username) => {
      const name = username.replace(/^@/, '')
      const known = cache.idOf(name)
      if (known !== undefined) return known
      const user = await api.getUserByUsername(name)
      if (user) cache.remember(user.id, user.username)
      return user?.id
    },
  }
}

/**
 * Names for the replies to a person waiting (give it the quick request client): a reply that
 * cannot wait for Mattermost shows a raw id rather than nothing, and is gone with the moment.
 *
 * @example
 * const names = replyUserNames(requestApi, cache)
 * await names.mention(invocation.userId) // '@alice', or the id while Mattermost is slow
 */
export const replyUserNames = (requestApi: MattermostApi, cache: UserNameCache): UserNames => userNamesThrough(requestApi, cache, 'mention the raw id')

/**
 * Names for the posts background work makes (give it the patient client). A post keeps what it
 * says, and a raw id in it notifies nobody: while Mattermost cannot say a name, `mention` throws
 * its `MattermostUnavailableError`, and the delivery is tried again later.
 *
 * @example
 * const names = deliveryUserNames(api, cache)
 * await names.mention(event.actorId) // '@alice', or throws while Mattermost is down
 */
export const deliveryUserNames = (api: MattermostApi, cache: UserNameCache): UserNames => userNamesThrough(api, cache, 'throw')

/**
 * A synchronous mention function for the given users, fetched once: the projections' renderers
 * take `(userId) => string`.
 *
 * @example
 * const mention = await mentionsFor(names, incidents.map((i) => i.commanderId))
 */
export const mentionsFor = async (names: UserNames, userIds: Iterable<string>): Promise<(userId: string) => string> => {
  const unique = [...new Set(userIds)]
  const resolved = new Map(await Promise.all(unique.map(async (id) => [id, await names.mention(id)] as const)))
  return (userId) => resolved.get(userId) ?? userId
}
