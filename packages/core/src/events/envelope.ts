import * as t from 'io-ts'
import type { DomainEvent } from './catalogue.js'
import { Id, IsoTimestamp, PositiveInt, withOptional } from './primitives.js'

/**
 * The position of an event in a store's global log. Opaque: only the store that issued it compares
 * positions (PostgreSQL's is a pair of transaction id and sequence). Pass it back as a checkpoint.
 */
export type LogPosition = string

/** The checkpoint before the first event of any store. */
export const START: LogPosition = ''

/** What every stored event carries besides its type and data. */
export const EventMetadata = withOptional(
  {
    id: Id,
    streamId: t.string,
    version: PositiveInt,
    occurredAt: IsoTimestamp,
    recordedAt: IsoTimestamp,
    actorId: Id,
    commandId: Id,
    correlationId: Id,
    schemaVersion: PositiveInt,
  },
  {},
  'EventMetadata',
)
export type EventMetadata = t.TypeOf<typeof EventMetadata>

/**
 * An event as a store returns it: the envelope is checked, `data` is not decoded yet. An unknown
 * `type` (written by a newer version) is representable, so readers can skip it instead of failing.
 */
export const RecordedEvent = t.intersection(
  [EventMetadata, t.type({ type: t.string, data: t.unknown, position: t.string })],
  'RecordedEvent',
)
export interface RecordedEvent extends EventMetadata {
  readonly type: string
  readonly data: unknown
  readonly position: LogPosition
}

/** A decoded event of the catalogue with its envelope. */
export type StoredEvent<E extends DomainEvent = DomainEvent> = E & EventMetadata & { readonly position: LogPosition }

/**
 * An event ready to append: everything but what the store assigns (`version`, `recordedAt`,
 * `position`). `data` is the encoded (JSON) form.
 */
export interface NewEventEnvelope {
  readonly id: string
  readonly type: string
  readonly data: unknown
  readonly occurredAt: string
  readonly actorId: string
  readonly commandId: string
  readonly correlationId: string
  readonly schemaVersion: number
}

/** What a store assigns to a new event when it records it. */
export interface RecordedPlace {
  readonly streamId: string
  readonly version: number
  readonly recordedAt: string
  readonly position: LogPosition
}

/**
 * A new event as recorded at `place`. Written field by field on purpose: V8 (Node 20) builds
 * `{ ...event, streamId, ... }` through a slow runtime path, several microseconds per event, which
 * was a third of a SQLite batch append (bench:store W2).
 *
 * @example
 * recordEvent(envelope, { streamId: 'incident-1', version: 3, recordedAt, position: '00000000000000000042' })
 */
export const recordEvent = (event: NewEventEnvelope, place: RecordedPlace): RecordedEvent => ({
  id: event.id,
  type: event.type,
  data: event.data,
  streamId: place.streamId,
  version: place.version,
  occurredAt: event.occurredAt,
  recordedAt: place.recordedAt,
  actorId: event.actorId,
  commandId: event.commandId,
  correlationId: event.correlationId,
  schemaVersion: event.schemaVersion,
  position: place.position,
})

const INCIDENT_STREAM_PREFIX = 'incident-'
const PLAYBOOK_STREAM_PREFIX = 'playbook-'

/** One stream per incident and one per playbook. */
export const incidentStreamId = (incidentId: string) => `${INCIDENT_STREAM_PREFIX}${incidentId}`
export const playbookStreamId = (playbookId: string) => `${PLAYBOOK_STREAM_PREFIX}${playbookId}`

/**
 * The incident (or playbook) a stream belongs to; `undefined` for a stream of another kind.
 *
 * @example
 * incidentIdOfStream('incident-api') // 'api'
 */
export const incidentIdOfStream = (streamId: string): string | undefined =>
  streamId.startsWith(INCIDENT_STREAM_PREFIX) ? streamId.slice(INCIDENT_STREAM_PREFIX.length) : undefined
export const playbookIdOfStream = (streamId: string): string | undefined =>
  streamId.startsWith(PLAYBOOK_STREAM_PREFIX) ? streamId.slice(PLAYBOOK_STREAM_PREFIX.length) : undefined
