import {
  MATTERMOST_RATE_LIMITED,
  MATTERMOST_UNAVAILABLE,
  MattermostRequestError,
  MattermostUnavailableError,
} from './errors.js'
import type { MattermostLogger } from './logger.js'
import { redactedCause, type Redactor } from './redact.js'
import { retryDelayMs } from './retry-delay.js'
import type { RetryPolicy } from './retry-policy.js'
import { TOO_MANY_REQUESTS, isSafeToRepeat } from './retry-safety.js'

export interface HttpRequest {
  readonly method: string
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body?: string
  /**
   * A POST that may be sent twice without harm (e.g. de-duplicated by `pending_post_id`). Any other
   * POST is retried after a 429 or a refused connection, never after a timeout or a 5xx.
   */
  readonly idempotent?: boolean
}

/** A final 2xx answer; `body` is parsed JSON when the server said `application/json`, else text. */
export interface HttpAnswer {
  readonly status: number
  readonly headers: Headers
  readonly body: unknown
}

export interface HttpTransportOptions {
  readonly fetch: typeof fetch
  readonly now: () => number
  readonly sleep: (ms: number) => Promise<void>
  readonly random: () => number
  readonly logger: MattermostLogger
  readonly redact: Redactor
}

/** Sends one request with retries; throws `MattermostUnavailableError` or `MattermostRequestError`. */
export type HttpTransport = (request: HttpRequest, policy: RetryPolicy) => Promise<HttpAnswer>

type Attempt =
  | { readonly kind: 'answer'; readonly answer: HttpAnswer }
  | { readonly kind: 'network'; readonly error: unknown }

const NOT_IMPLEMENTED = 501

/** 429 and 5xx (but 501: a disabled feature stays disabled) are worth another try. */
const isRetryableStatus = (status: number): boolean =>
  status === TOO_MANY_REQUESTS || (status >= 500 && status !== NOT_IMPLEMENTED)

/**
 * Builds the retrying HTTP layer under the Mattermost client: exponential backoff with full
 * jitter, server hints (`Retry-After`, `X-RateLimit-Reset`) honoured but capped at
 * `MAX_SERVER_HINT_MS` (as is the `retryAfterMs` a give-up reports), each attempt bounded by the
 * policy's timeout and by what is left of the total time budget, all bounded by attempts. A POST
 * not marked `idempotent` is only sent again when the failure proves it was never carried out. Every text it logs or throws
 * passes through `redact`.
 *
 * @example
 * const send = createHttpTransport({ fetch, now: Date.now, sleep, random: Math.random, logger, redact })
 * const { body } = await send({ method: 'GET', url, headers }, DEFAULT_RETRY_POLICY)
 */
export const createHttpTransport = (options: HttpTransportOptions): HttpTransport => {
  const { now, sleep, logger, redact } = options

  const attemptOnce = async (request: HttpRequest, timeoutMs: number): Promise<Attempt> => {
    const abort = new AbortController()
    const timer = setTimeout(() => abort.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
    try {
      const response = await options.fetch(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        signal: abort.signal,
      })
      const text = await response.text()
      return { kind: 'answer', answer: { status: response.status, headers: response.headers, body: parseBody(response.headers, text) } }
    } catch (error) {
      return { kind: 'network', error }
    } finally {
      clearTimeout(timer)
    }
  }

  return async (request, policy) => {
    const started = now()
    const where = redact(`${request.method.toUpperCase()} ${pathOf(request.url)}`)
    const budgetLeft = () => policy.totalBudgetMs - (now() - started)
    for (let attempt = 1; ; attempt += 1) {
      // Capped rather than refused: a retry after a quick 5xx still gets the time that is left,
      // and no attempt ends after the budget (a short one would otherwise run a full timeout).
      const outcome = await attemptOnce(request, Math.max(1, Math.min(policy.attemptTimeoutMs, budgetLeft())))
      if (outcome.kind === 'answer' && !isRetryableStatus(outcome.answer.status)) {
        if (outcome.answer.status < 300) return outcome.answer
        throw requestError(outcome.answer, request.method, where, redact)
      }
      const delayMs = retryDelayMs(policy, attempt, outcome.kind === 'answer' ? outcome.answer : undefined, now(), options.random)
      const failure = describeFailure(outcome, redact)
      const repeatable = isSafeToRepeat(request, outcome.kind === 'answer' ? outcome.answer : outcome)
      if (!repeatable || attempt >= policy.maxAttempts || delayMs >= budgetLeft()) {
        const rateLimited = outcome.kind === 'answer' && outcome.answer.status === TOO_MANY_REQUESTS
        logger.error({ request: where, attempts: attempt, failure, repeatable }, 'mattermost request gave up')
        throw new MattermostUnavailableError(
          rateLimited ? MATTERMOST_RATE_LIMITED : MATTERMOST_UNAVAILABLE,
          `${where}: Mattermost ${rateLimited ? 'kept rate-limiting' : 'is unavailable'} after ${attempt} attempt(s) (${failure}${repeatable ? '' : '; not repeated, it may have been carried out'})`,
          attempt,
          delayMs,
          outcome.kind === 'network' ? { cause: redactedCause(outcome.error, redact) } : undefined,
        )
      }
      logger.warn({ request: where, attempt, delayMs, failure }, 'mattermost request failed, retrying')
      await sleep(delayMs)
    }
  }
}

const parseBody = (headers: Headers, text: string): unknown => {
  const isJson = (headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json'
  if (!isJson || text.length === 0) return text
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

const pathOf = (url: string): string => {
  try {
    const parsed = new URL(url)
    return `${parsed.pathname}${parsed.search}`
  } catch {
    return url
  }
}

const describeFailure = (outcome: Attempt, redact: Redactor): string =>
  outcome.kind === 'network' ? `network: ${redactedCause(outcome.error, redact).message}` : `HTTP ${outcome.answer.status}`

const requestError = (answer: HttpAnswer, method: string, where: string, redact: Redactor): MattermostRequestError => {
  const appError = typeof answer.body === 'object' && answer.body !== null ? (answer.body as Record<string, unknown>) : {}
  const id = typeof appError.id === 'string' ? appError.id : ''
  const detail = typeof appError.message === 'string' ? appError.message : typeof answer.body === 'string' ? answer.body.slice(0, 200) : ''
  return new MattermostRequestError(
    answer.status,
    id,
    method.toUpperCase(),
    where,
    redact(`${where}: HTTP ${answer.status}${id === '' ? '' : ` ${id}`}${detail === '' ? '' : `: ${detail}`}`),
  )
}
