const RETRIES = 20
const BACKOFF_MS = 50

/** SQLITE_BUSY and its variants: another connection (often another process) holds the lock. */
export const isSqliteBusy = (error: unknown) =>
  typeof error === 'object' && error !== null && String((error as { code?: unknown }).code).startsWith('SQLITE_BUSY')

/**
 * Runs `work` again while SQLite answers busy, with a growing pause (about 10 s in all): for the
 * steps of opening a file that SQLite does not retry itself (setting WAL mode, the migrations'
 * first lock) when processes start together.
 *
 * @example
 * await retryWhileBusy(() => sqlite.pragma('journal_mode = WAL'))
 */
export const retryWhileBusy = async <T>(work: () => T | Promise<T>): Promise<T> => {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work()
    } catch (error) {
      if (!isSqliteBusy(error) || attempt >= RETRIES) throw error
      await new Promise((resolve) => setTimeout(resolve, BACKOFF_MS * (attempt + 1)))
    }
  }
}

/*
 * The writing connection's own busy timeout, in SQLite's busy handler, where the whole event loop
 * waits. A few milliseconds cover another process's append committing (with its fsync), so the usual
 * brush with another writer costs no turn of the event loop; anything longer, such as a transaction
 * held across an `await` (an exactly-once handler), is waited for with timers (`createBusyWait`).
 * SQLite's handler sleeps 1, 2, then the rest: it tries again at about 1, 3 and 5 ms.
 */
export const WRITER_BUSY_TIMEOUT_MS = 5
const FIRST_PAUSE_MS = 1
const LONGEST_PAUSE_MS = 50

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits for another connection's write lock without holding the event loop (see `createBusyWait`). */
export interface BusyWait {
  /** How long one try waits inside SQLite's busy handler: the writing connection's `busy_timeout`. */
  readonly handlerMs: number
  /** Runs `work` at once, and again while it fails with SQLITE_BUSY (see `createBusyWait`). */
  run<T>(work: () => T): Promise<T>
  /** The same for a `work` that has just failed with `busy`: it waits a first pause before trying again. */
  retry<T>(work: () => T, busy: unknown): Promise<T>
}

/**
 * How the writing connection waits for the file's write lock: each try waits at most
 * `WRITER_BUSY_TIMEOUT_MS` inside SQLite, and while the answer is SQLITE_BUSY the next try comes
 * after a timer (1 ms doubling to 50 ms, each drawn between half and all of it so that waiters do
 * not try in step), so the process's other work (a transaction of another store on the same file,
 * heartbeats, an HTTP server) goes on meanwhile. Once `busyTimeoutMs` has passed since the first
 * try, the last SQLITE_BUSY ("database is locked") is thrown, as SQLite's own timeout would.
 * `work` must be safe to run again after a busy failure: a statement on its own, or a transaction
 * rolled back before the error leaves it.
 *
 * @example
 * const busy = createBusyWait(5_000)
 * await busy.run(() => begin.run())
 */
export const createBusyWait = (busyTimeoutMs: number): BusyWait => {
  const handlerMs = Math.trunc(Math.min(busyTimeoutMs, WRITER_BUSY_TIMEOUT_MS))
  const retry = async <T>(work: () => T, busy: unknown): Promise<T> => {
    // The failed try already waited in SQLite's handler.
    const deadline = Date.now() + busyTimeoutMs - handlerMs
    let error = busy
    for (let wait = FIRST_PAUSE_MS; ; wait = Math.min(wait * 2, LONGEST_PAUSE_MS)) {
      const left = deadline - Date.now()
      if (left <= 0) throw error
      await pause(Math.min(left, wait / 2 + (Math.random() * wait) / 2))
      try {
        return work()
      } catch (failure) {
        if (!isSqliteBusy(failure)) throw failure
        error = failure
      }
    }
  }
  return {
    handlerMs,
    retry,
    run: async (work) => {
      try {
        return work()
      } catch (error) {
        if (!isSqliteBusy(error)) throw error
        return retry(work, error)
      }
    },
  }
}
