import type { Clock } from '@incident-kit/core'
import { createLruMap } from './lru-map.js'

/**
 * How long Mattermost's answer to "who is @carol" decides a command. A renamed user frees their
 * name for someone else, and the answer picks who commands an incident or owns an item: so it is
 * asked again after this.
 */
export const NAME_TO_ID_MAX_AGE_MS = 2 * 60_000
/**
 * How long Mattermost's answer to "what is this user called" is used in a message. Longer than for
 * commands, as posts name many people, but bounded: a stale `@carol` notifies whoever is called
 * `carol` now, not the person meant.
 */
export const ID_TO_NAME_MAX_AGE_MS = 10 * 60_000
/** Enough for every active user of a large site; fewer keeps the memory of a long-running bot bounded. */
const MAX_USERS = 10_000

export interface UserNameCacheOptions {
  /** How many users are remembered, least recently used forgotten first; 10 000. */
  readonly maxUsers?: number
}

/** Mattermost's recent answers about usernames, each used only while young enough for its purpose. */
export interface UserNameCache {
  /** The username of `userId`, when Mattermost said it within `ID_TO_NAME_MAX_AGE_MS`. */
  usernameOf(userId: string): string | undefined
  /** The id of the user called `username` (any case), when Mattermost said it within `NAME_TO_ID_MAX_AGE_MS`. */
  idOf(username: string): string | undefined
  /** Mattermost answered that `userId` is called `username`. */
  remember(userId: string, username: string): void
}

interface Answer {
  readonly userId: string
  readonly username: string
  readonly at: number
}

/**
 * The one cache of usernames in a bot process, shared by its replies and its background posts.
 * Only Mattermost's own answers fill it: it serves every team, and the names a slash request
 * states are its sender's word.
 *
 * @example
 * const cache = createUserNameCache(clock)
 * cache.remember(user.id, user.username)
 * cache.idOf('Alice') // user.id, for the next two minutes
 */
export const createUserNameCache = (clock: Clock, options: UserNameCacheOptions = {}): UserNameCache => {
  const maxUsers = options.maxUsers ?? MAX_USERS
  const byId = createLruMap<string, Answer>(maxUsers)
  const byName = createLruMap<string, Answer>(maxUsers)
  const now = () => Date.parse(clock.now())
  const youngerThan = (maxAgeMs: number, answer: Answer | undefined) => (answer !== undefined && now() - answer.at < maxAgeMs ? answer : undefined)
  return {
    usernameOf: (userId) => youngerThan(ID_TO_NAME_MAX_AGE_MS, byId.get(userId))?.username,
    idOf: (username) => youngerThan(NAME_TO_ID_MAX_AGE_MS, byName.get(username.toLowerCase()))?.userId,
    remember: (userId, username) => {
      const name = username.toLowerCase()
      // A name has one holder: an answer that it moved makes what was known of both people wrong.
      const formerName = byId.get(userId)?.username.toLowerCase()
      if (formerName !== undefined && formerName !== name && byName.get(formerName)?.userId === userId) byName.delete(formerName)
      const formerHolder = byName.get(name)?.userId
      if (formerHolder !== undefined && formerHolder !== userId) byId.delete(formerHolder)
      const answer = { userId, username, at: now() }
      byId.set(userId, answer)
      byName.set(name, answer)
    },
  }
}
