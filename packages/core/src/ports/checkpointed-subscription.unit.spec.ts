import { describe, expect, it } from 'vitest'
import { START, type LogPosition, type RecordedEvent } from '../events/envelope.js'
import { eventually } from '../testing/eventually.js'
import type { Subscription } from './event-store.js'
import { checkpointedSubscription } from './checkpointed-subscription.js'

const outage = new Error('Connection terminated unexpectedly')
const isTransient = (error: unknown) => error === outage

/** A log of positions 1 to `size` that `follow` delivers one batch each; the n-th run of `follow` fails as `failures[n]` says, after that many batches. */
const fakeLog = (size: number, failures: Array<{ afterBatches: number; error: Error }>) => {
  let stored: LogPosition | undefined
  const delivered: LogPosition[] = []
  const follows: LogPosition[] = []
  const follow = (after: LogPosition, deliver: (events: readonly RecordedEvent[], checkpoint: LogPosition) => Promise<void>): Subscription => {
    follows.push(after)
    const failure = failures.shift()
    let stop = false
    const closed = (async () => {
      let batches = 0
      for (let p = after === START ? 1 : Number(after) + 1; p <= size && !stop; p++, batches++) {
        if (failure && batches === failure.afterBatches) throw failure.error
        await deliver([], String(p))
      }
      while (!stop) await new Promise((resolve) => setTimeout(resolve, 1))
    })()
    return { closed, close: async () => void (stop = true) }
  }
  return {
    follows,
    delivered,
    options: {
      loadCheckpoint: async () => stored,
      follow,
      deliver: async (_events: readonly RecordedEvent[], checkpoint: LogPosition) => {
        delivered.push(checkpoint)
        stored = checkpoint
      },
      isTransient,
      retryMs: 1,
    },
  }
}


describe('checkpointedSubscription', () => {
  it('follows again from the stored checkpoint after a database outage, delivering every batch', async () => {
    const log = fakeLog(5, [
      { afterBatches: 0, error: outage },
      { afterBatches: 2, error: outage },
    ])
    const subscription = checkpointedSubscription(log.options)
    let settled = false
    void subscription.closed.finally(() => (settled = true))
    await eventually(() => log.delivered.length === 5)
    expect(log.delivered).toEqual(['1', '2', '3', '4', '5'])
    expect(log.follows).toEqual([START, START, '2'])
    expect(settled).toBe(false)
    await subscription.close()
    await expect(subscription.closed).resolves.toBeUndefined()
  })

  it('stops and rejects closed on any other error', async () => {
    const bug = new TypeError('handler bug')
    const log = fakeLog(5, [{ afterBatches: 1, error: bug }])
    const subscription = checkpointedSubscription(log.options)
    await expect(subscription.closed).rejects.toBe(bug)
    expect(log.follows).toEqual([START])
  })
})
