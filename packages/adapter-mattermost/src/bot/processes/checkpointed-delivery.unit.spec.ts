import { describe, expect, it } from 'vitest'
import { createInMemoryCheckpointStore, createInMemoryEventStore, followLog, NO_STREAM, START, type EventStore } from '@incident-kit/core'
import { newTestBatch } from '@incident-kit/core/testing'
import { MATTERMOST_RATE_LIMITED, MattermostUnavailableError, silentLogger } from '../../client/index.js'
import { startCheckpointedDelivery } from './checkpointed-delivery.js'

const RETRY_AFTER_MS = 300

describe('startCheckpointedDelivery', () => {
  it("retries a rate-limited delivery no sooner than Mattermost's Retry-After, then delivers it", async () => {
    const store = createInMemoryEventStore()
    await store.appendToStream('incident-1', newTestBatch(1), { expectedVersion: NO_STREAM })
    const attempts: Array<{ at: number; uncertain: boolean }> = []
    let done: () => void = () => undefined
    const delivered = new Promise<void>((resolve) => (done = resolve))
    const delivery = startCheckpointedDelivery({
      name: 'test-delivery',
      store,
      checkpoints: createInMemoryCheckpointStore(),
      logger: silentLogger,
      retryMs: 5,
      deliver: async (_event, attempt) => {
        attempts.push({ at: performance.now(), uncertain: attempt.uncertain })
        if (attempts.length === 1) throw new MattermostUnavailableError(MATTERMOST_RATE_LIMITED, 'too many requests', 3, RETRY_AFTER_MS)
        done()
      },
    })
    await delivered
    await delivery.close()
    expect(attempts).toHaveLength(2)
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(RETRY_AFTER_MS - 5)
    expect(attempts[1]!.uncertain).toBe(true)
  })

  it('starts again from its checkpoint when the database fails, delivering every event', async () => {
    const store = createInMemoryEventStore()
    const batch = newTestBatch(3)
    await store.appendToStream('incident-1', batch, { expectedVersion: NO_STREAM })
    let readFailures = 1
    let saveFailures = 1
    const failingStore: EventStore = {
      ...store,
      // The subscription reads through the store it was given: fail its first read of the log.
      subscribe: (options) =>
        followLog({
          ...options,
          readAll: async (after, limit) => {
            if (readFailures-- > 0) throw new Error('Connection terminated unexpectedly')
            return store.readAll({ after, limit })
          },
          waitForMore: (signal) => new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true })),
        }),
    }
    const checkpoints = createInMemoryCheckpointStore()
    const attempts: Array<{ id: string; uncertain: boolean }> = []
    const delivery = startCheckpointedDelivery({
      name: 'test-delivery',
      store: failingStore,
      checkpoints: {
        ...checkpoints,
        save: async (name, checkpoint) => {
          if (saveFailures-- > 0) throw new Error('SQLITE_BUSY: database is locked')
          await checkpoints.save(name, checkpoint)
        },
      },
      logger: silentLogger,
      retryMs: 5,
      deliver: async (event, attempt) => void attempts.push({ id: event.id, uncertain: attempt.uncertain }),
    })
    for (let tries = 0; tries < 200 && attempts.length < 4; tries++) await new Promise((resolve) => setTimeout(resolve, 5))
    await delivery.close()
    // The first event was delivered but its checkpoint not saved: it comes again, marked uncertain.
    expect(attempts).toEqual([
      { id: batch[0]!.id, uncertain: true },
      { id: batch[0]!.id, uncertain: true },
      { id: batch[1]!.id, uncertain: false },
      { id: batch[2]!.id, uncertain: false },
    ])
    expect(await checkpoints.load('test-delivery')).toBe((await store.readAll({ after: START, limit: 10 })).checkpoint)
  })
})
