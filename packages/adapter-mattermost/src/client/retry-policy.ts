/** How hard one API call tries before giving up with `MATTERMOST_UNAVAILABLE`/`_RATE_LIMITED`. */
export interface RetryPolicy {
  /** Attempts in total, first included. */
  readonly maxAttempts: number
  /** First backoff; doubles each attempt (full jitter) up to `maxDelayMs`. */
  readonly baseDelayMs: number
  readonly maxDelayMs: number
  /** No retry is started that would end after this budget (ms since the first attempt). */
  readonly totalBudgetMs: number
  /**
   * An attempt with no answer after this long is abandoned and counts as a network failure,
   * retried as the rest of the policy says. 10 s by default, for background work; a request a
   * person waits on wants less (see the bot's `REQUEST_RETRY`).
   */
  readonly attemptTimeoutMs: number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 200,
  maxDelayMs: 10_000,
  totalBudgetMs: 30_000,
  attemptTimeoutMs: 10_000,
}
