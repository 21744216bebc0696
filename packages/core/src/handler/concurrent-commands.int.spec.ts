import * as E from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Command } from '../commands/command.js'
import { createInMemoryEventStore } from '../in-memory/in-memory-event-store.js'
import { manualClock } from '../ports/clock.js'
import type { EventStore } from '../ports/event-store.js'
import { sequentialIds } from '../ports/id-generator.js'
import { ConcurrencyError } from '../ports/store-errors.js'
import { createCommandHandler, type CommandHandlerOptions } from './command-handler.js'

/** A repeatable stream of numbers in [0, 1) (a 32-bit LCG), so that every run waits the same. */
const seededRandom = (seed: number) => {
  let state = seed
  return () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32
}

/**
 * A store whose every call takes `ms` there and `ms` back, as a database's round trips do: the
 * attempts of several replicas overlap, so a retry can lose again.
 */
const slowStore = (inner: EventStore, ms: number): EventStore => {
  const wait = () => new Promise((resolve) => setTimeout(resolve, ms))
  const roundTrip = async <T>(call: () => Promise<T>): Promise<T> => {
    await wait()
    try {
      return await call()
    } finally {
      await wait()
    }
  }
  return {
    ...inner,
    readStream: (...args) => roundTrip(() => inner.readStream(...args)),
    readByCommandId: (...args) => roundTrip(() => inner.readByCommandId(...args)),
    appendToStream: (...args) => roundTrip(() => inner.appendToStream(...args)),
  }
}

const items = Array.from({ length: 30 }, (_, i) => ({ itemId: `item-${i}`, title: `Step ${i}` }))
const start: Command = { type: 'StartIncident', incidentId: 'i1', teamId: 't', name: 'API down', checklists: [{ sectionId: 's', title: 'Triage', items }] }

const handlerOn = (store: EventStore, idSeed: number, retry: CommandHandlerOptions['retry']) =>
  createCommandHandler({ store, clock: manualClock('2026-03-01T09:00:00.000Z'), ids: sequentialIds(idSeed), retry })

/** Runs commands all at once and lets the (fake) timers of their waits run out. */
const allAtOnce = async <T>(runs: Promise<T>[]) => {
  const results = Promise.all(runs)
  await vi.runAllTimersAsync()
  return results
}

describe('commands on one incident at the same time', () => {
  // Fake timers make the real default sleep deterministic, with the injected random.
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('all succeed when six people check items at once through one handler', async () => {
    const store = createInMemoryEventStore()
    const handler = handlerOn(store, 0, { random: seededRandom(1) })
    await handler.handle(start, { commandId: 'start', actorId: 'alice' })
    const results = await allAtOnce(
      items.slice(0, 6).map(({ itemId }, i) => handler.handle({ type: 'CheckItem', incidentId: 'i1', itemId }, { commandId: `check-${i}`, actorId: `user-${i}` })),
    )
    expect(results.filter(E.isLeft)).toEqual([])
    expect((await store.readStream('incident-i1')).map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7])
  })

  it('all succeed when thirty arrive through three bot replicas on a store with round trips, versions contiguous', async () => {
    const store = slowStore(createInMemoryEventStore(), 3)
    const replicas = [0, 1, 2].map((n) => handlerOn(store, n * 1_000_000, { random: seededRandom(n + 7) }))
    await allAtOnce([replicas[0]!.handle(start, { commandId: 'start', actorId: 'alice' })])
    const results = await allAtOnce(
      items.map(({ itemId }, i) => replicas[i % 3]!.handle({ type: 'CheckItem', incidentId: 'i1', itemId }, { commandId: `check-${i}`, actorId: 'bob' })),
    )
    expect(results.filter(E.isLeft)).toEqual([])
    const stream = await allAtOnce([store.readStream('incident-i1')])
    expect(stream[0]!.map((e) => e.version)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1))
  })
})

describe('a conflict that never clears', () => {
  it('ends as a ConcurrencyConflict naming the attempts, after waits that double up to a cap, each a random share of it', async () => {
    const inner = createInMemoryEventStore()
    const alwaysBehind: EventStore = {
      ...inner,
      appendToStream: async (streamId, events, options) => {
        if (events[0]?.commandId === 'start') return inner.appendToStream(streamId, events, options)
        throw new ConcurrencyError(streamId, options.expectedVersion, 99)
      },
    }
    const waits: number[] = []
    const sleep = async (ms: number) => {
      waits.push(ms)
    }
    const handler = handlerOn(alwaysBehind, 0, { attempts: 6, firstDelayMs: 10, maxDelayMs: 50, sleep, random: () => 0.5 })
    await handler.handle(start, { commandId: 'start', actorId: 'alice' })
    const result = await handler.handle({ type: 'EndIncident', incidentId: 'i1' }, { commandId: 'end', actorId: 'alice' })
    expect(result).toEqual(
      E.left({
        _tag: 'ConcurrencyConflict',
        streamId: 'incident-i1',
        expected: '1',
        actual: 99,
        attempts: 6,
        message: 'incident-i1 kept changing while this command was decided (6 attempts); try again',
      }),
    )
    expect(waits).toEqual([5, 10, 20, 25, 25])
  })
})
