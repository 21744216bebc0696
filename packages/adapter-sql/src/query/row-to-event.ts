import { CorruptEventError, type RecordedEvent } from '@incident-kit/core'
import type { Selectable } from 'kysely'
import type { EventRow } from '../schema/tables.js'
import { formatPosition } from './position.js'

/** The columns every read selects, in the shape `rowToEvent` expects. */
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

/** A row as reads select it; `transaction_id` only on Postgres. */
export type SelectedEventRow = Pick<Selectable<EventRow>, (typeof EVENT_COLUMNS)[number]> & { readonly transaction_id?: string }

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/

/*
 * The columns are typed and NOT NULL, so the checks left are the ones a database cannot make: JSON
 * that parses, timestamps in the log's format, positive numbers. They are plain comparisons, not an
 * io-ts decode, because a rebuild reads hundreds of thousands of rows a second through here.
 */
const envelopeProblem = (row: SelectedEventRow): string | undefined => {
  if (typeof row.event_id !== 'string' || row.event_id.length === 0) return 'missing event id'
  if (typeof row.type !== 'string' || row.type.length === 0) return 'missing event type'
  if (!Number.isInteger(row.version) || row.version < 1) return `invalid version ${String(row.version)}`
  if (!Number.isInteger(row.schema_version) || row.schema_version < 1) return `invalid schema version ${String(row.schema_version)}`
  if (typeof row.occurred_at !== 'string' || !ISO_UTC.test(row.occurred_at)) return `invalid occurredAt ${JSON.stringify(row.occurred_at)}`
  if (typeof row.recorded_at !== 'string' || !ISO_UTC.test(row.recorded_at)) return `invalid recordedAt ${JSON.stringify(row.recorded_at)}`
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
  const problem = envelopeProblem(row)
  if (problem !== undefined) throw new CorruptEventError(row.stream_id, Number(row.version), problem)
  let data: unknown
  try {
    data = JSON.parse(row.data)
  } catch (cause) {
    throw new CorruptEventError(row.stream_id, row.version, `data is not valid JSON (${(cause as Error).message})`, { cause })
  }
  return {
    id: row.event_id,
    type: row.type,
    streamId: row.stream_id,
    version: row.version,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    actorId: row.actor_id,
    commandId: row.command_id,
    correlationId: row.correlation_id,
    schemaVersion: row.schema_version,
    data,
    position: formatPosition(row.position, row.transaction_id),
  }
}
