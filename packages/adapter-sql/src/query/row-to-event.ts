import { CorruptEventError, type RecordedEvent } from '@incident-kit/core'
import { formatPosition } from './position.js'

/** The columns every read selects, in this order (`SelectedEventRow` is positional). */
export const EVENT_COLUMNS = [
  'position',
  'event_id',
  'stream_id',
  'version',
  'type',
  'data',
  'occurred_at',
  'recorded_at',
  'actor_id',
  'command_id',
  'correlation_id',
  'schema_version',
] as const

/**
 * A row as reads select it, as an array in `EVENT_COLUMNS` order (then `transaction_id`, on
 * Postgres only): no object per row, which is a third of the cost of reading a page on SQLite.
 */
export type SelectedEventRow = readonly [
  position: number | string,
  eventId: string,
  streamId: string,
  version: number,
  type: string,
  data: string,
  occurredAt: string,
  recordedAt: string,
  actorId: string,
  commandId: string,
  correlationId: string,
  schemaVersion: number,
  transactionId?: string,
]

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/

/*
 * The columns are typed and NOT NULL, so the checks left are the ones a database cannot make: JSON
 * that parses, timestamps in the log's format, positive numbers. They are plain comparisons, not an
 * io-ts decode, because a rebuild reads hundreds of thousands of rows a second through here.
 */
const envelopeProblem = ([, eventId, , version, type, , occurredAt, recordedAt, , , , schemaVersion]: SelectedEventRow): string | undefined => {
  if (typeof eventId !== 'string' || eventId.length === 0) return 'missing event id'
  if (typeof type !== 'string' || type.length === 0) return 'missing event type'
  if (!Number.isInteger(version) || version < 1) return `invalid version ${String(version)}`
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1) return `invalid schema version ${String(schemaVersion)}`
  if (typeof occurredAt !== 'string' || !ISO_UTC.test(occurredAt)) return `invalid occurredAt ${JSON.stringify(occurredAt)}`
  if (typeof recordedAt !== 'string' || !ISO_UTC.test(recordedAt)) return `invalid recordedAt ${JSON.stringify(recordedAt)}`
  return undefined
}

/**
 * Turns a stored row into a `RecordedEvent` (data parsed, not decoded: the command handler and the
 * projections decode). A row that cannot be read fails with a `CorruptEventError` naming its stream
 * and version; other rows and streams stay readable.
 *
 * @example
 * rows.map(rowToEvent)
 */
export const rowToEvent = (row: SelectedEventRow): RecordedEvent => {
  const [position, id, streamId, version, type, json, occurredAt, recordedAt, actorId, commandId, correlationId, schemaVersion, transactionId] = row
  const problem = envelopeProblem(row)
  if (problem !== undefined) throw new CorruptEventError(streamId, Number(version), problem)
  let data: unknown
  try {
    data = JSON.parse(json)
  } catch (cause) {
    throw new CorruptEventError(streamId, version, `data is not valid JSON (${(cause as Error).message})`, { cause })
  }
  return { id, type, streamId, version, occurredAt, recordedAt, actorId, commandId, correlationId, schemaVersion, data, position: formatPosition(position, transactionId) }
}
