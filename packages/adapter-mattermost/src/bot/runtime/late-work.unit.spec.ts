import { describe, expect, it } from 'vitest'
import { createLateWork } from './late-work.js'

describe('late work', () => {
  it('settles when every tracked work has, and gives up waiting after the time given', async () => {
    const lateWork = createLateWork()
    let finish: () => void = () => undefined
    lateWork.track(new Promise<void>((resolve) => (finish = resolve)))
    lateWork.track(new Promise<void>(() => undefined))
    expect(lateWork.running()).toBe(2)
    finish()
    await lateWork.settled(50)
    expect(lateWork.running()).toBe(1)
  })

  it('settles at once with nothing running', async () => {
    // Waiting the full minute would fail the test at its own 5 s timeout.
    await createLateWork().settled(60_000)
  })
})
