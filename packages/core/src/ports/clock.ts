/** The time source of the handler: injected so that tests and replays are deterministic. */
export interface Clock {
  /** Now, as an ISO-8601 UTC timestamp. */
  now(): string
}

export const systemClock: Clock = { now: () => new Date().toISOString() }

/**
 * A clock that starts at `start` and moves only when told: for tests, demos and simulations.
 *
 * @example
 * const clock = manualClock('2026-01-01T00:00:00.000Z'); clock.advance(60_000); clock.now() // ...00:01:00.000Z
 */
export const manualClock = (start: string) => {
  let current = Date.parse(start)
  return {
    now: () => new Date(current).toISOString(),
    advance: (ms: number) => {
      current += ms
    },
    set: (iso: string) => {
      current = Date.parse(iso)
    },
  }
}
export type ManualClock = ReturnType<typeof manualClock>
