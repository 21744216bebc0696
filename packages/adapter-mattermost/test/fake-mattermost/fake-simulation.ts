import type { FakeAnswer } from './fake-http.js'

/** How the fake misbehaves, set by tests; `nextFailure` is asked once per API request. */
export interface FakeSimulation {
  /** `refused`: the port stops accepting connections; `unavailable`: every request gets 503. */
  down(mode?: 'refused' | 'unavailable'): Promise<void>
  /** Serves again on the same port. */
  up(): Promise<void>
  /** The next `requests` API requests get 429 with the rate-limit headers and a text body. */
  rateLimit(options: { readonly requests: number; readonly resetSeconds: number; readonly retryAfterSeconds?: number }): void
  /** The next `requests` API requests get this 5xx (default 503). */
  serverErrors(options: { readonly requests: number; readonly status?: number }): void
  /** Delays every answer by `ms` (0 to stop). */
  slow(ms: number): void
  reset(): Promise<void>
}

export interface SimulationState {
  readonly controls: FakeSimulation
  /** A canned failure for this request, if one is due. */
  readonly nextFailure: () => FakeAnswer | undefined
  readonly delayMs: () => number
}

const RATE_LIMIT_PER_SECOND = 10

export interface SimulationHooks {
  readonly stopListening: () => Promise<void>
  readonly listenAgain: () => Promise<void>
}

/**
 * Builds the failure switchboard of the fake server.
 *
 * @example
 * fake.simulate.rateLimit({ requests: 3, resetSeconds: 1 })
 */
export const createSimulation = (hooks: SimulationHooks): SimulationState => {
  let unavailable = false
  let refused = false
  let rateLimited = { requests: 0, resetSeconds: 0, retryAfterSeconds: 0 }
  let serverErrors = { requests: 0, status: 503 }
  let delayMs = 0

  const up = async () => {
    unavailable = false
    if (refused) {
      refused = false
      await hooks.listenAgain()
    }
  }

  const controls: FakeSimulation = {
    down: async (mode = 'refused') => {
      if (mode === 'unavailable') {
        unavailable = true
        return
      }
      if (!refused) {
        refused = true
        await hooks.stopListening()
      }
    },
    up,
    rateLimit: (options) => {
      rateLimited = { requests: options.requests, resetSeconds: options.resetSeconds, retryAfterSeconds: options.retryAfterSeconds ?? options.resetSeconds }
    },
    serverErrors: (options) => {
      serverErrors = { requests: options.requests, status: options.status ?? 503 }
    },
    slow: (ms) => {
      delayMs = ms
    },
    reset: async () => {
      rateLimited = { requests: 0, resetSeconds: 0, retryAfterSeconds: 0 }
      serverErrors = { requests: 0, status: 503 }
      delayMs = 0
      await up()
    },
  }

  return {
    controls,
    delayMs: () => delayMs,
    nextFailure: () => {
      if (unavailable) return { status: 503, body: '<html><body>503 Service Unavailable</body></html>', rawContentType: 'text/html' }
      if (rateLimited.requests > 0) {
        rateLimited.requests -= 1
        return {
          status: 429,
          body: 'limit exceeded\n',
          rawContentType: 'text/plain; charset=utf-8',
          headers: {
            'Retry-After': String(rateLimited.retryAfterSeconds),
            'X-Ratelimit-Limit': String(RATE_LIMIT_PER_SECOND),
            'X-Ratelimit-Remaining': '0',
            'X-Ratelimit-Reset': String(rateLimited.resetSeconds),
          },
        }
      }
      if (serverErrors.requests > 0) {
        serverErrors.requests -= 1
        return { status: serverErrors.status, body: { id: 'app.fake.simulated_failure', message: 'Simulated failure.', detailed_error: '', request_id: '', status_code: serverErrors.status } }
      }
      return undefined
    },
  }
}
