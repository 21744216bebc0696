import { shownValue } from '../ports/shown-value.js'

/**
 * How the command handler tries again when another command changed the stream between its read
 * and its append. Every field has a default; tests inject `sleep` and `random` to be repeatable.
 */
export interface RetryOptions {
  /** Attempts in all, the first one included; 10 by default. */
  readonly attempts?: number
  /** The longest wait before the second attempt, in ms; it doubles with each attempt. 5 by default. */
  readonly firstDelayMs?: number
  /** The longest any wait grows to, in ms; 250 by default. */
  readonly maxDelayMs?: number
  /** Waits `ms` milliseconds; `setTimeout` by default. */
  readonly sleep?: (ms: number) => Promise<void>
  /** A number from 0 up to (not including) 1; `Math.random` by default. */
  readonly random?: () => number
}

export type RetryPolicy = Required<RetryOptions>

/*
 * Ten attempts wait at most 1.07 s in all (half that on average), which leaves a chat command time
 * for its own requests to Mattermost and the database within the 2.5 s the bot has to answer a
 * click. A burst on one incident (people clicking one checklist, several bot replicas) clears well
 * before that: the doubling windows spread the retries out as the burst grows, and the random share
 * keeps commands that collided once from colliding again in step. Thirty commands at once through
 * three replicas with short round trips all succeed (concurrent-commands.int.spec.ts); with 40 ms
 * database calls, a few of 25 clicks at once ran out of attempts and were told to try again. More
 * attempts would not fit in the time a click has.
 */
const DEFAULTS: RetryPolicy = {
  attempts: 10,
  firstDelayMs: 5,
  maxDelayMs: 250,
  sleep: (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
}

/*
 * Checked once, when the handler is made: `attempt >= NaN` is never true, so NaN attempts would
 * retry a conflict forever, and 0 or 1.5 would mean something other than what was asked for.
 */
const checkedAttempts = (attempts: number): number => {
  if (typeof attempts !== 'number' || !Number.isSafeInteger(attempts) || attempts < 1) {
    throw new RangeError(`retry.attempts must be a whole number from 1 (the first attempt included), got ${shownValue(attempts)}`)
  }
  return attempts
}

/**
 * The options with their defaults filled in (an option given as `undefined` takes its default).
 * Throws a `RangeError` naming `retry.attempts` when it is not a whole number from 1.
 */
export const retryPolicy = ({
  attempts = DEFAULTS.attempts,
  firstDelayMs = DEFAULTS.firstDelayMs,
  maxDelayMs = DEFAULTS.maxDelayMs,
  sleep = DEFAULTS.sleep,
  random = DEFAULTS.random,
}: RetryOptions = {}): RetryPolicy => ({ attempts: checkedAttempts(attempts), firstDelayMs, maxDelayMs, sleep, random })

/** Beyond this many doublings every window is the cap anyway; bounding it keeps 2 ** n finite. */
const MAX_DOUBLINGS = 30

/**
 * How long to wait after failed attempt number `attempt` (from 1): a random share of a window that
 * starts at `firstDelayMs` and doubles with each attempt up to `maxDelayMs` ("full jitter").
 *
 * @example
 * backoffDelay(3, { firstDelayMs: 5, maxDelayMs: 500, random: () => 0.5 }) // 10: half of 5 × 2²
 */
export const backoffDelay = (attempt: number, { firstDelayMs, maxDelayMs, random }: Pick<RetryPolicy, 'firstDelayMs' | 'maxDelayMs' | 'random'>): number =>
  random() * Math.min(maxDelayMs, firstDelayMs * 2 ** Math.min(attempt - 1, MAX_DOUBLINGS))
