import { createInMemoryCheckpointStore, createInMemoryEventStore, type EventStore } from '@incident-kit/core'

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The bot's store, slowed down or broken on demand, as a database under load or down. Only what a
 * request reads and writes is gated; the log's subscription keeps its own pace.
 *
 * @example
 * const db = controllableStore(); const h = await startHarness({ storage: db.storage }); db.slowDown(3_000)
 */
export const controllableStore = () => {
  const inner = createInMemoryEventStore()
  let delayMs = 0
  let down = false
  let waiting = 0
  const gate = async () => {
    if (down) throw new Error('the database is down (simulated)')
    if (delayMs === 0) return
    waiting += 1
    await pause(delayMs)
    waiting -= 1
  }
  const store: EventStore = {
    appendToStream: async (...args) => (await gate(), inner.appendToStream(...args)),
    readStream: async (...args) => (await gate(), inner.readStream(...args)),
    readByCommandId: async (...args) => (await gate(), inner.readByCommandId(...args)),
    readAll: (options) => inner.readAll(options),
    subscribe: (options) => inner.subscribe(options),
    close: () => inner.close(),
  }
  return {
    storage: { store, checkpoints: createInMemoryCheckpointStore() },
    slowDown: (ms: number) => void (delayMs = ms),
    breakDown: (broken: boolean) => void (down = broken),
    /** How many calls are being slowed down now: a request is in flight. */
    waiting: () => waiting,
  }
}
