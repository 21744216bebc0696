import { describe, expect, it } from 'vitest'
import { createBusyWait } from './sqlite-busy.js'

const busyError = (n: number) => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY', n })

/** A work that answers busy `times` times, then `done`. */
const busyFor = (times: number) => {
  let calls = 0
  return {
    work: () => {
      calls++
      if (calls <= times) throw busyError(calls)
      return 'done'
    },
    calls: () => calls,
  }
}

describe('createBusyWait', () => {
  it('returns at once, with one try, when the file is free', async () => {
    const { work, calls } = busyFor(0)
    expect(await createBusyWait(1_000).run(work)).toBe('done')
    expect(calls()).toBe(1)
  })

  it('tries again on timers while the answer is busy', async () => {
    const { work, calls } = busyFor(3)
    expect(await createBusyWait(1_000).run(work)).toBe('done')
    expect(calls()).toBe(4)
  })

  it('throws the last busy error once busyTimeoutMs has passed', async () => {
    const { work, calls } = busyFor(Number.POSITIVE_INFINITY)
    const started = Date.now()
    const error = await createBusyWait(100).run(work).catch((failure: unknown) => failure)
    const elapsed = Date.now() - started
    expect(error).toMatchObject({ code: 'SQLITE_BUSY', message: 'database is locked', n: calls() })
    expect(elapsed).toBeGreaterThanOrEqual(80)
    expect(elapsed).toBeLessThan(1_000)
    // 1 ms doubling to 50 ms: a handful of tries, not one per millisecond.
    expect(calls()).toBeGreaterThan(2)
    expect(calls()).toBeLessThan(30)
  })

  it('does not try again when busyTimeoutMs is within the connection’s own busy timeout', async () => {
    const { work, calls } = busyFor(Number.POSITIVE_INFINITY)
    await expect(createBusyWait(5).run(work)).rejects.toMatchObject({ code: 'SQLITE_BUSY' })
    expect(calls()).toBe(1)
  })

  it('throws any other error at once', async () => {
    let calls = 0
    const failing = () => {
      calls++
      throw Object.assign(new Error('UNIQUE constraint failed'), { code: 'SQLITE_CONSTRAINT_UNIQUE' })
    }
    await expect(createBusyWait(1_000).run(failing)).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' })
    expect(calls).toBe(1)
  })
})
