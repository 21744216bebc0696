import { v7 as uuidV7 } from 'uuid'

/** The id source of the handler: injected so that tests and replays are deterministic. */
export interface IdGenerator {
  next(): string
}

/**
 * Time-ordered UUIDs (version 7, RFC 9562), rising within a millisecond too. An event store indexes
 * event ids for uniqueness: random (version 4) ids scatter every insert across that index, while
 * rising ids append to its end (bench:store measured batch appends on SQLite about 2x faster).
 */
export const uuidGenerator: IdGenerator = { next: () => uuidV7() }

/**
 * Deterministic uuid-shaped ids: a counter from `seed`, for tests and the demo.
 *
 * @example
 * const ids = sequentialIds(); ids.next() // '00000000-0000-4000-8000-000000000001'
 */
export const sequentialIds = (seed = 0): IdGenerator => {
  let n = seed
  return {
    next: () => {
      n += 1
      return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`
    },
  }
}
