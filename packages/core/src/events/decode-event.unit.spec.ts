import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { createEventDecoder, decodeEvent } from './decode-event.js'
import type { Upcaster } from './upcasters.js'
import { recordedTestEvent } from '../testing/event-fixtures.js'

describe('decoding events', () => {
  it('decodes a valid event as it is, keeping data fields a newer minor release added', () => {
    const event = recordedTestEvent('incident.note_added', { text: 'hello', addedLater: 1 })
    expect(decodeEvent(event)).toEqual(E.right(event))
  })

  it('names the stream, version and problem when decoding fails', () => {
    expect(decodeEvent(recordedTestEvent('incident.teleported', {}))).toMatchObject(
      E.left({ reason: 'unknown_type', streamId: 'incident-i1', version: 7, message: expect.stringContaining('incident-i1@7') }),
    )
    expect(decodeEvent(recordedTestEvent('checklist.item_checked', {}))).toMatchObject(E.left({ reason: 'invalid_data', message: expect.stringContaining('itemId') }))
    expect(decodeEvent(recordedTestEvent('incident.note_added', { text: 'x' }, 2))).toMatchObject(E.left({ reason: 'unsupported_schema_version' }))
    expect(decodeEvent({ ...recordedTestEvent('incident.ended', {}), occurredAt: 'yesterday' })).toMatchObject(E.left({ reason: 'invalid_envelope' }))
  })

  it('upcasts an old schema version step by step to the current shape', () => {
    // A realistic history: say version 0 of `incident.note_added` called the text `message`, and
    // today's code reads version 1. The log keeps version 0; reading brings it up to date.
    const messageToText: Upcaster = {
      type: 'incident.note_added',
      fromVersion: 0,
      upcast: (data) => {
        const { message, ...rest } = data as { message: string }
        return { ...rest, text: message }
      },
    }
    const old = recordedTestEvent('incident.note_added', { message: 'from the old days', postId: 'p1' }, 0)
    expect(decodeEvent(old)).toMatchObject(E.left({ reason: 'unsupported_schema_version' }))
    const decoded = createEventDecoder([messageToText])(old)
    expect(decoded).toEqual(E.right({ ...old, schemaVersion: 1, data: { text: 'from the old days', postId: 'p1' } }))
  })
})
