import { describe, expect, it } from 'vitest'
import { START, type LogPosition, type RecordedEvent } from '../events/envelope.js'
import { createInMemoryEventStore } from '../in-memory/in-memory-event-store.js'
import { newTestBatch } from '../testing/event-fixtures.js'
import { eventually } from '../testing/eventually.js'
import { NO_STREAM, type Subscription } from './event-store.js'
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

  /** A subscription on an in-memory store whose handler fails with `error` while `close()` waits for its batch. */
  const failingDuringClose = async (error: Error) => {
    const store = createInMemoryEventStore()
    let release = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    let started = false
    const subscription = checkpointedSubscription({
      loadCheckpoint: async () => undefined,
      follow: (after, deliver) => store.subscribe({ after, handler: deliver }),
      deliver: async () => {
        started = true
        await gate
        throw error
      },
      isTransient,
      retryMs: 1,
    })
    await store.appendToStream('incident-1', newTestBatch(1), { expectedVersion: NO_STREAM })
    await eventually(() => started)
    const closing = subscription.close()
    release()
    await closing
    return subscription
  }

  it('rejects closed with the handler error that happens while close() waits for the batch, as subscribe does', async () => {
    const bug = new TypeError('handler bug')
    const subscription = await failingDuringClose(bug)
    await expect(subscription.closed).rejects.toBe(bug)
  })

  it('resolves closed when close() meets a transient failure: closing ends the retries', async () => {
    const subscription = await failingDuringClose(outage)
    await expect(subscription.closed).resolves.toBeUndefined()
  })
})
