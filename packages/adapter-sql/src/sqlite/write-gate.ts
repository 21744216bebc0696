/**
 * One writer at a time on the process's SQLite connection. Appends are synchronous and finish
 * within one tick, so they only wait here while an asynchronous transaction (a subscriber writing
 * its read model with its checkpoint) holds the connection; across processes, `BEGIN IMMEDIATE`
 * and the busy timeout serialise writers.
 */
export interface WriteGate {
  readonly busy: boolean
  run<T>(work: () => Promise<T> | T): Promise<T>
}

/**
 * @example
 * const gate = createWriteGate()
 * const result = gate.busy ? await gate.run(appendNow) : appendNow()
 */
export const createWriteGate = (): WriteGate => {
  let held = false
  const queue: Array<() => void> = []
  const release = () => {
    const next = queue.shift()
    if (next) next()
    else held = false
  }
  return {
    get busy() {
      return held
    },
    run: async (work) => {
      if (held) await new Promise<void>((resolve) => queue.push(resolve))
      held = true
      try {
        return await work()
      } finally {
        release()
      }
    },
  }
}
