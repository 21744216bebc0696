import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createInMemoryEventStore } from '../in-memory/in-memory-event-store.js'
import { manualClock } from '../ports/clock.js'
import { sequentialIds } from '../ports/id-generator.js'
import { incidentSessionArbitrary } from '../testing/command-arbitraries.js'
import { createCommandHandler } from './command-handler.js'

const START = Date.parse('2026-03-01T09:00:00.000Z')
const HOUR = 3_600_000

describe('replicas with skewed clocks (fast-check)', () => {
  it('keep every stream in time order, whatever their clocks say and whichever replica handles each command', async () => {
    const step = fc.record({ replica: fc.nat(2), skewMs: fc.integer({ min: -HOUR, max: HOUR }), elapsedMs: fc.nat(60_000) })
    await fc.assert(
      fc.asyncProperty(incidentSessionArbitrary.chain((session) => fc.tuple(fc.constant(session), fc.array(step, { minLength: session.length, maxLength: session.length }))), async ([session, steps]) => {
        const store = createInMemoryEventStore()
        const clocks = [0, 1, 2].map(() => manualClock(new Date(START).toISOString()))
        const replicas = clocks.map((clock, i) => createCommandHandler({ store, clock, ids: sequentialIds(i * 1_000_000) }))
        let realTime = START
        for (const [index, [command, actorId]] of session.entries()) {
          const { replica, skewMs, elapsedMs } = steps[index]!
          realTime += elapsedMs
          clocks[replica]!.set(new Date(realTime + skewMs).toISOString())
          await replicas[replica]!.handle(command, { commandId: `c${index}`, actorId })
        }
        const times = (await store.readStream('incident-inc-1')).map((e) => Date.parse(e.occurredAt))
        expect(times.length).toBeGreaterThan(0)
        expect(times).toEqual([...times].sort((a, b) => a - b))
      }),
      { numRuns: 150 },
    )
  })
})
