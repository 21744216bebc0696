import { setTimeout as resolveAfter } from 'node:timers/promises'
import { isMattermostUnavailable } from '../../client/index.js'

/**
 * Resolves after `ms`, or at once when `signal` aborts: a process waiting to retry stops waiting
 * when it is stopped.
 *
 * @example
 * await sleepUnlessAborted(500, controller.signal)
 */
export const sleepUnlessAborted = (ms: number, signal: AbortSignal): Promise<void> => resolveAfter(ms, undefined, { signal }).catch(() => undefined)

/**
 * How long Mattermost asked to be left alone (a 429's Retry-After), 0 for any other error: a retry
 * sooner than that is wasted.
 *
 * @example
 * const wait = Math.max(backoffMs, retryAfterOf(error))
 */
export const retryAfterOf = (error: unknown): number => (isMattermostUnavailable(error) ? (error.retryAfterMs ?? 0) : 0)
