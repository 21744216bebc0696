import type { LogPosition, RecordedEvent } from '@incident-kit/core'

/** The CloudEvents version every exported line declares. */
export const CLOUDEVENTS_SPEC_VERSION = '1.0'
/** `source` of exported events unless `--source` names another (a URI-reference naming the installation). */
export const DEFAULT_EVENT_SOURCE = 'urn:incident-kit'
/** `data` is always the event's JSON form. */
export const EVENT_DATA_CONTENT_TYPE = 'application/json'

/**
 * One event of the log as a CloudEvents 1.0 JSON object (structured mode). The envelope fields the
 * CloudEvents core does not have travel as extension attributes (lowercase, as the spec requires).
 * This shape is the public contract of docs/event-log.md, version 1.
 */
export interface IncidentKitCloudEvent {
  readonly specversion: typeof CLOUDEVENTS_SPEC_VERSION
  readonly id: string
  readonly source: string
  readonly type: string
  /** The stream: `incident-<id>` or `playbook-<id>`. */
  readonly subject: string
  /** When it happened (`occurredAt`), ISO-8601 UTC. */
  readonly time: string
  readonly datacontenttype: typeof EVENT_DATA_CONTENT_TYPE
  readonly data: unknown
  /** The event's version within its stream, from 1, contiguous. */
  readonly streamversion: number
  readonly actorid: string
  /** When the exporting store recorded it (`recordedAt`), ISO-8601 UTC. */
  readonly recordedat: string
  /** The schema version of `data` for this `type`. */
  readonly schemaversion: number
  /** The command that produced it: its idempotency key. */
  readonly commandid: string
  readonly correlationid: string
}

/**
 * Turns a stored event into its CloudEvent. `data` is copied as stored, so events of types this
 * release does not know export unchanged.
 *
 * @example
 * JSON.stringify(toCloudEvent(recorded)) // {"specversion":"1.0","id":"…","type":"incident.started",…}
 */
export const toCloudEvent = (event: RecordedEvent, source: string = DEFAULT_EVENT_SOURCE): IncidentKitCloudEvent => ({
  specversion: CLOUDEVENTS_SPEC_VERSION,
  id: event.id,
  source,
  type: event.type,
  subject: event.streamId,
  time: event.occurredAt,
  datacontenttype: EVENT_DATA_CONTENT_TYPE,
  data: event.data,
  streamversion: event.version,
  actorid: event.actorId,
  recordedat: event.recordedAt,
  schemaversion: event.schemaVersion,
  commandid: event.commandId,
  correlationid: event.correlationId,
})

/**
 * Turns a (validated) CloudEvent back into a recorded event. A file has no store positions: the
 * caller passes one (the line's order) so that readers of the file keep its order.
 *
 * @example
 * fromCloudEvent(cloudEvent, '000000000042').streamId // cloudEvent.subject
 */
export const fromCloudEvent = (event: IncidentKitCloudEvent, position: LogPosition): RecordedEvent => ({
  id: event.id,
  type: event.type,
  streamId: event.subject,
  version: event.streamversion,
  occurredAt: event.time,
  recordedAt: event.recordedat,
  actorId: event.actorid,
  commandId: event.commandid,
  correlationId: event.correlationid,
  schemaVersion: event.schemaversion,
  data: event.data,
  position,
})
