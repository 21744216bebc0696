import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isMattermostRequestError, isMattermostUnavailable } from './errors.js'
import { createHttpTransport } from './http-transport.js'
import { silentLogger } from './logger.js'
import { createRedactor } from './redact.js'
import { MAX_SERVER_HINT_MS, retryDelayMs } from './retry-delay.js'
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.js'

type Scripted = Response | Error

/** A fetch that plays answers in order and a clock that only moves when the transport sleeps. */
const harness = (script: Scripted[], random = () => 1) => {
  let clock = 1_000_000
  const sleeps: number[] = []
  let calls = 0
  const fetchStub = (async () => {
    const next = script[Math.min(calls, script.length - 1)]
    calls += 1
    if (next instanceof Error) throw next
    return (next as Response).clone()
  }) as typeof fetch
  const send = createHttpTransport({
    fetch: fetchStub,
    now: () => clock,
    sleep: async (ms) => {
      sleeps.push(ms)
      clock += ms
    },
    random,
    logger: silentLogger,
    redact: createRedactor(['secret-token-123']),
  })
  return { send, sleeps, calls: () => calls, elapsed: () => clock - 1_000_000 }
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } })
const request = { method: 'GET', url: 'http://mm.test/api/v4/users/me', headers: {} }
const policy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1_000, totalBudgetMs: 60_000, attemptTimeoutMs: 1_000 }

describe('retrying HTTP transport', () => {
  it('backs off exponentially on 5xx, capped at maxDelayMs, then succeeds', async () => {
    const { send, sleeps } = harness([json(500, {}), json(502, {}), json(503, {}), json(504, {}), json(200, { id: 'me' })])
    await expect(send(request, policy)).resolves.toMatchObject({ status: 200, body: { id: 'me' } })
    expect(sleeps).toEqual([100, 200, 400, 800])
  })

  it('waits for Retry-After, not the bucket refill of X-RateLimit-Reset, on 429 with a text body', async () => {
    const limited = new Response('limit exceeded', { status: 429, headers: { 'Retry-After': '1', 'X-Ratelimit-Reset': '10', 'Content-Type': 'text/plain' } })
    const { send, sleeps } = harness([limited, json(200, {})], () => 0)
    await send(request, { ...policy, totalBudgetMs: 1_200 })
    expect(sleeps).toEqual([1_000])
  })

  it('falls back to X-RateLimit-Reset only on a 429 without Retry-After', () => {
    const reset = new Headers({ 'X-RateLimit-Reset': '3' })
    expect(retryDelayMs(policy, 1, { status: 429, headers: reset }, 0, () => 0)).toBe(3_000)
    expect(retryDelayMs(policy, 1, { status: 503, headers: reset }, 0, () => 0)).toBe(0)
    expect(retryDelayMs(policy, 1, { status: 503, headers: new Headers({ 'Retry-After': '2' }) }, 0, () => 0)).toBe(2_000)
  })

  it('reads an epoch X-RateLimit-Reset relative to the injected clock', () => {
    const headers = new Headers({ 'X-RateLimit-Reset': String(2_000_000_000) })
    expect(retryDelayMs(policy, 1, { status: 429, headers }, 1_999_999_997_000, () => 0)).toBe(3_000)
  })

  it.each([
    ['a Retry-After in seconds', 429, { 'Retry-After': '3000000' }],
    ['a Retry-After past the 32-bit timer range', 503, { 'Retry-After': String(2 ** 32) }],
    ['a Retry-After date a year away', 429, { 'Retry-After': new Date(1_000_000 + 365 * 86_400_000).toUTCString() }],
    ['an X-RateLimit-Reset delay', 429, { 'X-RateLimit-Reset': '86400' }],
    ['an X-RateLimit-Reset epoch years away', 429, { 'X-RateLimit-Reset': '2000000000' }],
  ])('caps %s at MAX_SERVER_HINT_MS (a few minutes)', (_, status, headers) => {
    expect(MAX_SERVER_HINT_MS).toBe(5 * 60_000)
    expect(retryDelayMs(policy, 1, { status, headers: new Headers(headers) }, 1_000_000, () => 0)).toBe(MAX_SERVER_HINT_MS)
  })

  it('sleeps the capped time after a huge Retry-After, and reports it as the retryAfterMs when it gives up', async () => {
    const huge = () => new Response('limit exceeded', { status: 429, headers: { 'Retry-After': '3000000' } })
    const patient = harness([huge(), json(200, {})], () => 0)
    await expect(patient.send(request, { ...policy, totalBudgetMs: 60 * 60_000 })).resolves.toMatchObject({ status: 200 })
    expect(patient.sleeps).toEqual([MAX_SERVER_HINT_MS])
    const hurried = harness([huge()], () => 0)
    await expect(hurried.send(request, DEFAULT_RETRY_POLICY)).rejects.toMatchObject({ code: 'MATTERMOST_RATE_LIMITED', attempts: 1, retryAfterMs: MAX_SERVER_HINT_MS })
    expect(hurried.sleeps).toEqual([])
  })

  it('does not retry 4xx or 501, and keeps the AppError id', async () => {
    const { send, calls } = harness([json(403, { id: 'api.context.permissions.app_error', message: 'no' })])
    const error = await send(request, policy).catch((e: unknown) => e)
    expect(isMattermostRequestError(error, 403, 'api.context.permissions.app_error')).toBe(true)
    expect(calls()).toBe(1)
    const notImplemented = harness([json(501, { id: 'api.command.disabled.app_error' })])
    await expect(notImplemented.send(request, policy)).rejects.toMatchObject({ code: 'MATTERMOST_REQUEST_REJECTED', status: 501 })
    expect(notImplemented.calls()).toBe(1)
  })

  it('gives up after maxAttempts with MATTERMOST_UNAVAILABLE when the network fails', async () => {
    const { send, calls } = harness([new TypeError('fetch failed')])
    const error = await send(request, policy).catch((e: unknown) => e)
    expect(isMattermostUnavailable(error)).toBe(true)
    expect(error).toMatchObject({ code: 'MATTERMOST_UNAVAILABLE', attempts: 5 })
    expect(calls()).toBe(5)
  })

  it('reports MATTERMOST_RATE_LIMITED when 429s outlast the attempts', async () => {
    const { send } = harness([new Response('limit exceeded', { status: 429, headers: { 'Retry-After': '1' } })])
    await expect(send(request, policy)).rejects.toMatchObject({ code: 'MATTERMOST_RATE_LIMITED', attempts: 5 })
  })

  it('never sleeps past the total budget, whatever the failures', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(500, 502, 503, 429), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 100, max: 20_000 }),
        async (statuses, retryAfter, budget) => {
          const script = statuses.map((status) => new Response('x', { status, headers: { 'Retry-After': String(retryAfter) } }))
          const { send, elapsed } = harness([...script, json(200, {})])
          await send(request, { ...policy, maxAttempts: 20, totalBudgetMs: budget }).catch((e: unknown) => {
            if (!isMattermostUnavailable(e)) throw e
          })
          expect(elapsed()).toBeLessThanOrEqual(budget)
        },
      ),
    )
  })

  it('cuts the timeout of a late retry to what is left of the budget', async () => {
    let clock = 0
    let calls = 0
    const slowThenHanging = ((_url: string, init: RequestInit) => {
      calls += 1
      if (calls === 1) {
        clock += 1_000
        return Promise.resolve(json(503, {}))
      }
      return new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)))
    }) as unknown as typeof fetch
    const send = createHttpTransport({
      fetch: slowThenHanging, now: () => clock, sleep: async (ms) => void (clock += ms), random: () => 1, logger: silentLogger, redact: (t) => t,
    })
    const interactive = { maxAttempts: 2, baseDelayMs: 100, maxDelayMs: 300, totalBudgetMs: 1_200, attemptTimeoutMs: 1_000 }
    const error = await send(request, interactive).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'MATTERMOST_UNAVAILABLE', attempts: 2 })
    expect(String(error)).toContain('no answer within 100 ms')
  })

  it('starts no retry when its backoff alone uses up the budget', async () => {
    const { send, calls } = harness([json(503, {}, { 'Retry-After': '2' }), json(200, {})], () => 0)
    await expect(send(request, { ...policy, totalBudgetMs: 2_000 })).rejects.toMatchObject({ code: 'MATTERMOST_UNAVAILABLE', attempts: 1 })
    expect(calls()).toBe(1)
  })

  it('sends a POST once when its answer is lost, but again when the connection was refused', async () => {
    const post = { ...request, method: 'POST', body: '{}' }
    const slow = harness([new Error('no answer within 1000 ms'), json(201, {})])
    await expect(slow.send(post, policy)).rejects.toMatchObject({ code: 'MATTERMOST_UNAVAILABLE', attempts: 1 })
    expect(slow.calls()).toBe(1)
    const failing = harness([json(502, {}), json(201, {})])
    await expect(failing.send(post, policy)).rejects.toMatchObject({ code: 'MATTERMOST_UNAVAILABLE', attempts: 1 })
    const refused = harness([new TypeError('fetch failed', { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) }), json(201, { id: 'c' })])
    await expect(refused.send(post, policy)).resolves.toMatchObject({ status: 201 })
    await expect(harness([new Error('no answer'), json(201, {})]).send({ ...post, idempotent: true }, policy)).resolves.toMatchObject({ status: 201 })
  })

  it('keeps plain backoff delays within [0, maxDelayMs]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 0.999_999, noNaN: true }), (attempt, random) => {
        const delay = retryDelayMs(DEFAULT_RETRY_POLICY, attempt, { status: 503, headers: new Headers() }, 0, () => random)
        expect(delay).toBeGreaterThanOrEqual(0)
        expect(delay).toBeLessThanOrEqual(DEFAULT_RETRY_POLICY.maxDelayMs)
      }),
    )
  })

  it("treats an answer slower than the policy's attempt timeout as a network failure", async () => {
    let calls = 0
    const hanging = ((_url: string, init: RequestInit) => {
      calls += 1
      return new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)))
    }) as unknown as typeof fetch
    const send = createHttpTransport({
      fetch: hanging, now: Date.now, sleep: async () => undefined, random: () => 0, logger: silentLogger, redact: (t) => t,
    })
    await expect(send(request, { ...policy, maxAttempts: 2, attemptTimeoutMs: 20 })).rejects.toMatchObject({ code: 'MATTERMOST_UNAVAILABLE', attempts: 2 })
    expect(calls).toBe(2)
  })
})
