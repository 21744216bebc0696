import type { MattermostApi } from '../../client/index.js'

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
 * A cache in front of `getUser`/`getUserByUsername`. Names change rarely and a stale one only
 * affects how a message reads, so entries live for the process. Only Mattermost's own answers fill
 * it: it serves every team, and the names a slash request states are its sender's word.
 *
 * @example
 * const names = createUserNames(api)
 * await names.mention(event.actorId) // '@alice'
 */
export const createUserNames = (api: MattermostApi): UserNames => {
  const byId = new Map<string, string>()
  const byName = new Map<string, string>()
  const remember = (userId: string, username: string) => {
    byId.set(userId, username)
    byName.set(username.toLowerCase(), userId)
  }
  const knownMention = (userId: string) => {
    const known = byId.get(userId)
    return known === undefined ? undefined : `@${known}`
  }
  return {
    knownMention,
    mention: async (userId) => {
      const known = knownMention(userId)
      if (known !== undefined) return known
      try {
        const user = await api.getUser(userId)
        remember(user.id, user.username)
        return `@${user.username}`
      } catch {
        return userId
      }
    },
    idOf: async (username) => {
      const name = username.replace(/^@/, '').toLowerCase()
      const known = byName.get(name)
      if (known !== undefined) return known
      const user = await api.getUserByUsername(name)
      if (user) remember(user.id, user.username)
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
