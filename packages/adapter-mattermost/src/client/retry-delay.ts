import type { RetryPolicy } from './retry-policy.js'

const MS_PER_SECOND = 1000
/** `X-RateLimit-Reset` above this is an epoch in seconds (the spec's reading), below it a delay. */
const EPOCH_SECONDS_THRESHOLD = 1_000_000_000

/**
 * How long to wait before attempt `attempt + 1`. A server hint (`Retry-After` in seconds or as an
 * HTTP date, `X-RateLimit-Reset` as seconds to wait or an epoch) wins over the exponential
 * backoff; a little jitter is added either way so replicas do not retry in lockstep.
 *
 * @example
 * retryDelayMs(DEFAULT_RETRY_POLICY, 1, new Headers({ 'Retry-After': '2' }), Date.now(), () => 0) // 2000
 */
export const retryDelayMs = (
  policy: RetryPolicy,
  attempt: number,
  headers: Headers | undefined,
  nowMs: number,
  random: () => number,
): number => {
  const hint = headers === undefined ? undefined : serverHintMs(headers, nowMs)
  if (hint !== undefined) return Math.ceil(hint + random() * policy.baseDelayMs)
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1))
  return Math.ceil(random() * ceiling)
}

const serverHintMs = (headers: Headers, nowMs: number): number | undefined => {
  const hints = [parseRetryAfter(headers.get('retry-after'), nowMs), parseRateLimitReset(headers.get('x-ratelimit-reset'), nowMs)]
  const known = hints.filter((hint): hint is number => hint !== undefined)
  return known.length === 0 ? undefined : Math.max(...known)
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
