import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { describeCodecErrors } from '../codec-errors.js'
import { CURRENT_SCHEMA_VERSION, eventDataCodecs, isEventType, type DomainEvent, type EventType } from './catalogue.js'
import { RecordedEvent, type StoredEvent } from './envelope.js'
import { isRecordedEvent } from './recorded-event-guard.js'
import { defaultUpcasters, upcastData, type Upcaster } from './upcasters.js'

/** Why a recorded event could not be decoded; always names the stream and version. */
export interface EventDecodeError {
  readonly _tag: 'EventDecodeError'
  readonly reason: 'invalid_envelope' | 'unknown_type' | 'unsupported_schema_version' | 'invalid_data'
  readonly streamId: string
  readonly version: number
  readonly type: string
  readonly message: string
}

const decodeError = (
  reason: EventDecodeError['reason'],
  at: { streamId?: unknown; version?: unknown; type?: unknown },
  detail: string,
): EventDecodeError => {
  const streamId = typeof at.streamId === 'string' ? at.streamId : '?'
  const version = typeof at.version === 'number' ? at.version : -1
  const type = typeof at.type === 'string' ? at.type : '?'
  return {
    _tag: 'EventDecodeError',
    reason,
    streamId,
    version,
    type,
    message: `event ${streamId}@${version} (${type}): ${detail}`,
  }
}

/**
 * Makes a decoder with the given upcasters. Decoding checks the envelope, upcasts `data` from its
 * schema version to the current one, then checks `data` against the type's codec.
 * `currentVersions` is the schema version each type is read at: this release's unless a test (or
 * the release that raises a type's version) says otherwise, since schema versions count from 1.
 *
 * @example
 * const decode = createEventDecoder()
 * const result = decode(recorded) // Either<EventDecodeError, StoredEvent>
 */
export const createEventDecoder =
  (upcasters: readonly Upcaster[] = defaultUpcasters, currentVersions: Readonly<Record<EventType, number>> = CURRENT_SCHEMA_VERSION) =>
  (raw: unknown): E.Either<EventDecodeError, StoredEvent> => {
    const at = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>
    // Fast path first: the type guards allocate nothing, and nearly every stored event is valid.
    // `decode` runs only to explain a failure.
    if (!isRecordedEvent(raw)) {
      const envelope = RecordedEvent.decode(raw)
      if (E.isLeft(envelope)) return E.left(decodeError('invalid_envelope', at, describeCodecErrors(envelope.left)))
    }
    const recorded = raw as RecordedEvent
    if (!isEventType(recorded.type)) return E.left(decodeError('unknown_type', at, `unknown event type "${recorded.type}"`))
    const target = currentVersions[recorded.type]
    if (recorded.schemaVersion > target) {
      return E.left(
        decodeError('unsupported_schema_version', at, `schema version ${recorded.schemaVersion} is newer than ${target}`),
      )
    }
    const codec: t.Decoder<unknown, unknown> & { is: t.Is<unknown> } = eventDataCodecs[recorded.type]
    // Data already at this version only needs the guard (decided by version: an upcaster may
    // have returned the very object it was given).
    if (recorded.schemaVersion === target && codec.is(recorded.data)) return E.right(recorded as StoredEvent)
    let upcast: unknown = recorded.data
    try {
      // A copy: an upcaster that changes its input in place must not change the stored event,
      // which a store may share with other readers.
      if (recorded.schemaVersion < target) upcast = upcastData(upcasters, recorded.type, recorded.schemaVersion, target, structuredClone(recorded.data))
    } catch (error) {
      return E.left(decodeError('invalid_data', at, `upcasting from schema version ${recorded.schemaVersion} failed: ${(error as Error).message}`))
    }
    if (upcast === undefined) {
      return E.left(
        decodeError('unsupported_schema_version', at, `no upcaster from schema version ${recorded.schemaVersion}`),
      )
    }
    const data = codec.decode(upcast)
    if (E.isLeft(data)) return E.left(decodeError('invalid_data', at, describeCodecErrors(data.left)))
    return E.right({ ...recorded, schemaVersion: target, data: data.right } as StoredEvent)
  }

/** Decodes with this release's upcasters. */
export const decodeEvent = createEventDecoder()

/** Encodes a domain event's data to its JSON form, as it is stored and exported. */
export const encodeEventData = (event: DomainEvent): unknown =>
  (eventDataCodecs[event.type] as t.Encoder<unknown, unknown>).encode(event.data)
