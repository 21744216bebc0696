import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { CURRENT_SCHEMA_VERSION } from './catalogue.js'
import { createEventDecoder, decodeEvent } from './decode-event.js'
import type { Upcaster } from './upcasters.js'
import { recordedTestEvent } from '../testing/event-fixtures.js'

/** This release's versions with `incident.note_added` raised to 2, as a later release might. */
const noteAtVersion2 = { ...CURRENT_SCHEMA_VERSION, 'incident.note_added': 2 }

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

  it('refuses a stream version or a schema version of 0: both count from 1', () => {
    const note = recordedTestEvent('incident.note_added', { text: 'x' })
    expect(decodeEvent({ ...note, version: 0 })).toMatchObject(E.left({ reason: 'invalid_envelope', message: expect.stringContaining('version') }))
    expect(decodeEvent(recordedTestEvent('incident.note_added', { text: 'x' }, 0))).toMatchObject(E.left({ reason: 'invalid_envelope', message: expect.stringContaining('schemaVersion') }))
    expect(decodeEvent({ ...note, version: 1 })).toEqual(E.right({ ...note, version: 1 }))
  })

  it('upcasts an old schema version step by step to the current shape', () => {
    // A realistic history: say version 1 of `incident.note_added` called the text `message`, and
    // a later release reads version 2. The log keeps version 1; reading brings it up to date.
    const messageToText: Upcaster = {
      type: 'incident.note_added',
      fromVersion: 1,
      upcast: (data) => {
        const { message, ...rest } = data as { message: string }
        return { ...rest, text: message }
      },
    }
    const old = recordedTestEvent('incident.note_added', { message: 'from the old days', postId: 'p1' })
    expect(createEventDecoder([], noteAtVersion2)(old)).toMatchObject(E.left({ reason: 'unsupported_schema_version' }))
    const decoded = createEventDecoder([messageToText], noteAtVersion2)(old)
    expect(decoded).toEqual(E.right({ ...old, schemaVersion: 2, data: { text: 'from the old days', postId: 'p1' } }))
  })

  it('reports an upcaster that throws on malformed old data as undecodable data, naming the step, instead of throwing', () => {
    const strict: Upcaster = {
      type: 'incident.note_added',
      fromVersion: 1,
      upcast: (data) => {
        if (typeof (data as { message?: unknown }).message !== 'string') throw new Error('message is missing')
        return { text: (data as { message: string }).message }
      },
    }
    expect(createEventDecoder([strict], noteAtVersion2)(recordedTestEvent('incident.note_added', {}))).toMatchObject(
      E.left({ reason: 'invalid_data', message: expect.stringContaining('upcasting from schema version 1 failed: message is missing') }),
    )
  })

  it('leaves the stored event as it was when an upcaster changes its input in place, and gives the current version', () => {
    const inPlace: Upcaster = {
      type: 'incident.note_added',
      fromVersion: 1,
      upcast: (data) => {
        const note = data as { message?: string; text?: string }
        note.text = note.message
        delete note.message
        return note
      },
    }
    const old = recordedTestEvent('incident.note_added', { message: 'kept' })
    expect(createEventDecoder([inPlace], noteAtVersion2)(old)).toEqual(E.right({ ...old, schemaVersion: 2, data: { text: 'kept' } }))
    expect(old.data).toEqual({ message: 'kept' })
  })
})
