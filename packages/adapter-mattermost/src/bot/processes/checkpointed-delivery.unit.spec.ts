import { describe, expect, it } from 'vitest'
import { createInMemoryCheckpointStore, createInMemoryEventStore, NO_STREAM } from '@incident-kit/core'
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
    const delivery = await startCheckpointedDelivery({
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
})
