import { setTimeout as resolveAfter } from 'node:timers/promises'
import { isMattermostUnavailable } from '../../client/index.js'

/** The longest delay Node's timers take: longer ones overflow and fire after 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1

/**
 * `ms` made safe for `setTimeout`: never negative, never past `MAX_TIMER_MS` (a longer wait must
 * not turn into a 1 ms one and a tight retry loop).
 *
 * @example
 * setTimeout(retry, timerSafeMs(wait))
 */
export const timerSafeMs = (ms: number): number => (ms > 0 ? Math.min(ms, MAX_TIMER_MS) : 0)

/**
 * Resolves after `ms` (at most `MAX_TIMER_MS`), or at once when `signal` aborts: a process waiting
 * to retry stops waiting when it is stopped.
 *
 * @example
 * await sleepUnlessAborted(500, controller.signal)
 */
export const sleepUnlessAborted = (ms: number, signal: AbortSignal): Promise<void> => resolveAfter(timerSafeMs(ms), undefined, { signal }).catch(() => undefined)

/**
 * The wait the transport computed before it gave up (`MattermostUnavailableError.retryAfterMs`): a
 * 429's Retry-After, or the backoff after a 5xx or a network failure; 0 for an error that is not
 * Mattermost being unavailable. A retry sooner than that is likely wasted.
 *
 * @example
 * const wait = Math.max(backoffMs, retryAfterOf(error))
 */
export const retryAfterOf = (error: unknown): number => (isMattermostUnavailable(error) ? (error.retryAfterMs ?? 0) : 0)
