import type { MattermostApi } from '../../client/index.js'
import type { UserNameCache } from './user-name-cache.js'

/** Usernames for ids and back, cached: messages say `@alice`, commands name `@alice`. */
export interface UserNames {
  /** `@username`, or the raw id while Mattermost cannot be asked. */
  mention(userId: string): Promise<string>
  /** `@username` when the name is already known, without asking Mattermost; else `undefined`. */
  knownMention(userId: string): string | undefined
  /** The id of `username`, `undefined` when no such user. Throws when Mattermost cannot be asked. */
  idOf(username: string): Promise<string | undefined>
}

/**
 * `getUser`/`getUserByUsername` behind the process's `UserNameCache`: Mattermost is asked again once
 * its answer is too old for the question (see `NAME_TO_ID_MAX_AGE_MS`, `ID_TO_NAME_MAX_AGE_MS`).
 *
 * @example
 * const names = createUserNames(api, createUserNameCache(clock))
 * await names.mention(event.actorId) // '@alice'
 */
export const createUserNames = (api: MattermostApi, cache: UserNameCache): UserNames => {
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
      } catch {
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
