import { describe, expect, it } from 'vitest'
import { handlerFailures } from './handler-failures.js'

const outage = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })

describe('handlerFailures', () => {
  it("never takes what the handler threw for the store's outage, and passes it on as it was", async () => {
    const failures = handlerFailures()
    const thrown = outage()
    await expect(failures.run(() => Promise.reject(thrown))).rejects.toBe(thrown)
    expect(failures.isStoreOutage(thrown)).toBe(false)
  })

  it("takes the store's own transient errors for an outage, and nothing else", () => {
    const failures = handlerFailures()
    expect(failures.isStoreOutage(outage())).toBe(true)
    expect(failures.isStoreOutage(new TypeError('bug'))).toBe(false)
  })

  it('passes on what the handler returns, and a thrown string', async () => {
    const failures = handlerFailures()
    await expect(failures.run(() => 42)).resolves.toBe(42)
    await expect(failures.run(() => Promise.reject('no'))).rejects.toBe('no')
  })
})
