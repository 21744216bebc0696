import { randomUUID } from 'node:crypto'

/** The id source of the handler: injected so that tests and replays are deterministic. */
export interface IdGenerator {
  next(): string
}

export const uuidGenerator: IdGenerator = { next: () => randomUUID() }

/**
 * Deterministic uuid-shaped ids: `prefix` plus a counter, for tests and the demo.
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
