/** A map that keeps at most `maxEntries`, forgetting the least recently used first. */
export interface LruMap<K, V> {
  /** The value, marked as just used; `undefined` when unknown or forgotten. */
  get(key: K): V | undefined
  /** Stores the value as the most recently used, forgetting the oldest entry when full. */
  set(key: K, value: V): void
  delete(key: K): void
}

/**
 * The bot's caches of what Mattermost said (names, memberships) run for months: bounded, they keep
 * what is in use and cannot grow with every user and channel the bot ever saw.
 *
 * @example
 * const recent = createLruMap<string, boolean>(2)
 * recent.set('a', true); recent.set('b', true); recent.get('a'); recent.set('c', true)
 * recent.get('b') // undefined: the least recently used
 */
export const createLruMap = <K, V>(maxEntries: number): LruMap<K, V> => {
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  const entries = new Map<K, V>()
  return {
    get: (key) => {
      const value = entries.get(key)
      if (value === undefined) return undefined
      entries.delete(key)
      entries.set(key, value)
      return value
    },
    set: (key, value) => {
      entries.delete(key)
      entries.set(key, value)
      if (entries.size <= maxEntries) return
      const oldest = entries.keys().next()
      if (!oldest.done) entries.delete(oldest.value)
    },
    delete: (key) => {
      entries.delete(key)
    },
  }
}
