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
