import { expect } from 'vitest'
import { START, type RecordedEvent } from '../events/envelope.js'
import type { EventStore } from '../ports/event-store.js'
import { CONCURRENCY_CONFLICT } from '../ports/store-errors.js'

export interface EventStoreContractOptions {
  /** A fresh, empty store for each test. */
  readonly createStore: () => Promise<EventStore> | EventStore
}

/** A stream id no other test uses. */
export const stream = () => `incident-${Math.random().toString(36).slice(2)}`

/** The whole global log, read page by page as a subscriber would, and the checkpoint after it. */
export const readEverything = async (store: EventStore, limit: number) => {
  const events: RecordedEvent[] = []
  let after = START
  for (;;) {
    const page = await store.readAll({ after, limit })
    events.push(...page.events)
    if (page.events.length === 0) return { events, checkpoint: page.checkpoint }
    after = page.checkpoint
  }
}

/** The `ConcurrencyError` a promise rejects with (and that it rejects with one). */
export const conflictOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toMatchObject({ code: CONCURRENCY_CONFLICT })
  return error as { expected: unknown; actual: number }
}
