import type { RetryPolicy } from './retry-policy.js'
import { TOO_MANY_REQUESTS } from './retry-safety.js'

const MS_PER_SECOND = 1000
/** `X-RateLimit-Reset` above this is an epoch in seconds (the spec's reading), below it a delay. */
const EPOCH_SECONDS_THRESHOLD = 1_000_000_000


/** The retryable answer a delay is computed for; absent after a network failure. */
export interface RetriedAnswer {
  readonly status: number
  readonly headers: Headers
}

/**
 * How long to wait before attempt `attempt + 1`. A server hint wins over the exponential backoff:
 * `Retry-After` (seconds or an HTTP date) first, else on a 429 only `X-RateLimit-Reset` (seconds
 * to wait or an epoch). A little jitter is added either way so replicas do not retry in lockstep.
 *
 * @example
 * retryDelayMs(DEFAULT_RETRY_POLICY, 1, { status: 429, headers: new Headers({ 'Retry-After': '2' }) }, Date.now(), () => 0) // 2000
 */
export const retryDelayMs = (
  policy: RetryPolicy,
  attempt: number,
  answer: RetriedAnswer | undefined,
  nowMs: number,
  random: () => number,
): number => {
  const hint = answer === undefined ? undefined : serverHintMs(answer, nowMs)
  if (hint !== undefined) return Math.ceil(hint + random() * policy.baseDelayMs)
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1))
  return Math.ceil(random() * ceiling)
}

/**
 * Mattermost's `Retry-After` is the time to the next allowed request (~1 s), its
 * `X-RateLimit-Reset` the time until the whole bucket refills (~10 s): waiting for the refill
 * would blow a short budget for nothing. Reset only stands in when Retry-After is missing, and
 * only on a 429, the one answer the rate-limit headers describe.
 */
const serverHintMs = (answer: RetriedAnswer, nowMs: number): number | undefined => {
  const retryAfter = parseRetryAfter(answer.headers.get('retry-after'), nowMs)
  if (retryAfter !== undefined || answer.status !== TOO_MANY_REQUESTS) return retryAfter
  return parseRateLimitReset(answer.headers.get('x-ratelimit-reset'), nowMs)
}

const parseRetryAfter = (value: string | null, nowMs: number): number | undefined => {
  if (value === null || value.trim() === '') return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * MS_PER_SECOND)
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs)
}

const parseRateLimitReset = (value: string | null, nowMs: number): number | undefined => {
  if (value === null || value.trim() === '') return undefined
  const seconds = Number(value)
  if (!Number.isFinite(seconds)) return undefined
  return seconds > EPOCH_SECONDS_THRESHOLD ? Math.max(0, seconds * MS_PER_SECOND - nowMs) : Math.max(0, seconds * MS_PER_SECOND)
}
