import { describe, expect, it } from 'vitest'
import { emitProcessWarning, type StoreWarning } from './store-warning.js'

describe('emitProcessWarning', () => {
  it("emits the warning on Node's warning channel with its code", async () => {
    const warning: StoreWarning = { code: 'EVENTS_HELD_BACK', message: 'readers of the event log have waited 31 s', heldBackMs: 31_000, blocker: undefined }
    const emitted = new Promise<Error & { code?: string }>((resolve) => process.once('warning', resolve))
    emitProcessWarning(warning)
    await expect(emitted).resolves.toMatchObject({ name: 'Warning', code: 'EVENTS_HELD_BACK', message: warning.message })
  })
})
