import fc from 'fast-check'
import type * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import { recordedTestEvent } from '../testing/event-fixtures.js'
import { EventMetadata, RecordedEvent } from './envelope.js'
import { isRecordedEvent } from './recorded-event-guard.js'

/** The envelope fields `isRecordedEvent` checks, in the codec's terms. */
const RECORDED_EVENT_FIELDS = {
  strings: ['id', 'streamId', 'actorId', 'commandId', 'correlationId', 'type', 'position'],
  wholeNumbers: ['version', 'schemaVersion'],
  timestamps: ['occurredAt', 'recordedAt'],
  anything: ['data'],
} as const

const valid = recordedTestEvent('incident.note_added', { text: 'hello' })

/** Values that sit on the edges of what each field accepts. */
const oddValue = fc.oneof(
  fc.constantFrom(undefined, null, '', 0, -1, 1.5, Number.NaN, Infinity, '7', [], {}, '2026-02-31T00:00:00Z', '2026-13-01T00:00:00Z', '2026-03-01 09:00'),
  fc.anything(),
)
const field = fc.constantFrom(...(Object.keys(valid) as Array<keyof typeof valid>), 'extra')

const codecFields = (codec: t.Mixed): string[] => {
  const c = codec as t.Mixed & { types?: t.Mixed[]; type?: t.Mixed; props?: t.Props }
  if (c.props) return Object.keys(c.props)
  if (c.types) return c.types.flatMap(codecFields)
  return c.type ? codecFields(c.type) : []
}

describe('isRecordedEvent', () => {
  it('checks the same fields as the RecordedEvent codec', () => {
    expect(codecFields(RecordedEvent).sort()).toEqual(Object.values(RECORDED_EVENT_FIELDS).flat().sort())
    expect(codecFields(EventMetadata).length).toBeGreaterThan(0)
  })

  it('answers as RecordedEvent.is does, for valid events with any fields changed or removed, and for anything', () => {
    const mutated = fc.array(fc.tuple(field, oddValue, fc.boolean()), { maxLength: 3 }).map((changes) => {
      const event: Record<string, unknown> = { ...valid }
      for (const [key, value, remove] of changes) {
        if (remove) delete event[key]
        else event[key] = value
      }
      return event
    })
    fc.assert(
      fc.property(fc.oneof(mutated, fc.anything()), (u) => {
        expect(isRecordedEvent(u)).toBe(RecordedEvent.is(u))
      }),
      { numRuns: 5_000 },
    )
  })
})
