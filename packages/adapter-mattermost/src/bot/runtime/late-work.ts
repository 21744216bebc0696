/**
 * The work the bot carries on after it answered early (`answerInTime`): a click, a command or a
 * submission that took longer than the reply deadline. Closing waits for it before the store
 * closes, which would fail it half done (a click carried out, its refusal never told).
 */
export interface LateWork {
  /** Keeps `work` until it settles; it must not reject. */
  track(work: Promise<void>): void
  /** How many are running now. */
  running(): number
  /** Resolves when every work tracked now has settled, or after `withinMs`, whichever comes first. */
  settled(withinMs: number): Promise<void>
}

/**
 * @example
 * const lateWork = createLateWork()
 * lateWork.track(outcome.then(tellThePerson))
 * await lateWork.settled(10_000)
 */
export const createLateWork = (): LateWork => {
  const running = new Set<Promise<void>>()
  return {
    track: (work) => {
      running.add(work)
      void work.finally(() => running.delete(work))
    },
    running: () => running.size,
    settled: async (withinMs) => {
      let timer: NodeJS.Timeout | undefined
      const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, withinMs)))
      try {
        await Promise.race([Promise.all(running), deadline])
      } finally {
        clearTimeout(timer)
      }
    },
  }
}
