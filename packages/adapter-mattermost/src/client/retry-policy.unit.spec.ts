import { describe, expect, it } from 'vitest'
import { createMattermostApi } from './create-mattermost-api.js'

const team = () => new Response(JSON.stringify({ id: 't1', name: 'ops' }), { status: 200, headers: { 'Content-Type': 'application/json' } })

/** A server that answers nobody until `answerAll`; an attempt given up on is aborted. */
const silentServer = () => {
  const waiting: Array<() => void> = []
  let calls = 0
  const fetch = ((_url: string, init: RequestInit) => {
    calls += 1
    return new Promise<Response>((resolve, reject) => {
      waiting.push(() => resolve(team()))
      init.signal?.addEventListener('abort', () => reject(init.signal?.reason))
    })
  }) as unknown as typeof globalThis.fetch
  return { fetch, calls: () => calls, answerAll: () => waiting.splice(0).forEach((answer) => answer()) }
}

const clientOf = (fetch: typeof globalThis.fetch) => createMattermostApi({ url: 'http://mm.test', token: 'bot-token', fetch, sleep: async () => undefined })

describe("a retry policy's attempt timeout", () => {
  it('abandons an attempt that gets no answer in time and gives up as the policy says, on the same client', async () => {
    const server = silentServer()
    const api = clientOf(server.fetch)
    let patientDone = false
    const patient = api.getTeam('t1').finally(() => (patientDone = true))
    const error = await api.withRetryPolicy({ attemptTimeoutMs: 20, maxAttempts: 3 }).getTeam('t1').catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'MATTERMOST_UNAVAILABLE', attempts: 3 })
    expect(String(error)).toContain('no answer within 20 ms')
    expect(server.calls()).toBe(4)
    // The client's own policy (10 s an attempt) is still waiting for its answer.
    expect(patientDone).toBe(false)
    server.answerAll()
    await expect(patient).resolves.toMatchObject({ id: 't1' })
  })

  it('retries an abandoned attempt and takes the answer of the next one', async () => {
    let calls = 0
    const slowFirst = ((_url: string, init: RequestInit) => {
      calls += 1
      if (calls > 1) return Promise.resolve(team())
      return new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)))
    }) as unknown as typeof fetch
    await expect(clientOf(slowFirst).withRetryPolicy({ attemptTimeoutMs: 20 }).getTeam('t1')).resolves.toMatchObject({ id: 't1' })
    expect(calls).toBe(2)
  })
})
