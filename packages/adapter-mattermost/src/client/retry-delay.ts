import type { RetryPolicy } from './retry-policy.js'
import { TOO_MANY_REQUESTS } from './retry-safety.js'

const MS_PER_SECOND = 1000
/** `X-RateLimit-Reset` above this is an epoch in seconds (the spec's reading), below it a delay. */
const EPOCH_SECONDS_THRESHOLD = 1_000_000_000
/**
 * The longest a server hint (`Retry-After`, `X-RateLimit-Reset`) is followed: 5 minutes.
 * Mattermost's own rate limiter asks for seconds; anything far longer comes from a proxy, a
 * maintenance page or a bug, and followed as is it would stall every message that long (an hour,
 * a day), or, past 2^31 ms (~24.8 days), overflow Node's timers, which then fire after 1 ms and
 * retry in a tight loop. Capped, the bot still backs off hard (one try per 5 minutes) and resumes
 * on its own once the server takes requests again.
 */
export const MAX_SERVER_HINT_MS = 5 * 60_000

/** The retryable answer a delay is computed for; absent after a network failure. */
export interface RetriedAnswer {
  readonly status: number
  readonly headers: Headers
}

/**
 * How long to wait before attempt `attempt + 1`. A server hint wins over the exponential backoff:
 * `Retry-After` (seconds or an HTTP date) first, else on a 429 only `X-RateLimit-Reset` (seconds
 * to wait or an epoch), either capped at `MAX_SERVER_HINT_MS`. A little jitter is added either way
 * so replicas do not retry in lockstep.
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
 * only on a 429, the one answer the rate-limit headers describe. Either is capped here, where it
 * is read, so every wait built on it (the transport's, and a caller's after `retryAfterMs`) is too.
 */
const serverHintMs = (answer: RetriedAnswer, nowMs: number): number | undefined => {
  const retryAfter = parseRetryAfter(answer.headers.get('retry-after'), nowMs)
  const hint = retryAfter !== undefined || answer.status !== TOO_MANY_REQUESTS ? retryAfter : parseRateLimitReset(answer.headers.get('x-ratelimit-reset'), nowMs)
  return hint === undefined ? undefined : Math.min(hint, MAX_SERVER_HINT_MS)
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
