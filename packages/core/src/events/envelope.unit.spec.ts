import { describe, expect, it } from 'vitest'
import { newTestEvent } from '../testing/event-fixtures.js'
import { recordEvent, RecordedEvent } from './envelope.js'

describe('recordEvent', () => {
  it('keeps every field of the envelope and adds what the store assigned', () => {
    const event = newTestEvent()
    const place = { streamId: 'incident-1', version: 4, recordedAt: '2026-11-27T10:00:00.000Z', position: '00000000000000000042' }
    const recorded = recordEvent(event, place)
    expect(recorded).toStrictEqual({ ...event, ...place })
    expect(RecordedEvent.is(recorded)).toBe(true)
  })
})
