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
 * io-ts decode, and the row is read by index, not destructured: a rebuild reads hundreds of
 * thousands of rows a second through here.
 */
const envelopeProblem = (row: SelectedEventRow): string | undefined => {
  const eventId = row[1]
  const version = row[3]
  const type = row[4]
  const schemaVersion = row[11]
  if (typeof eventId !== 'string' || eventId.length === 0) return 'missing event id'
  if (typeof type !== 'string' || type.length === 0) return 'missing event type'
  if (!Number.isInteger(version) || version < 1) return `invalid version ${String(version)}`
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1) return `invalid schema version ${String(schemaVersion)}`
  if (typeof row[6] !== 'string' || !ISO_UTC.test(row[6])) return `invalid occurredAt ${JSON.stringify(row[6])}`
  if (typeof row[7] !== 'string' || !ISO_UTC.test(row[7])) return `invalid recordedAt ${JSON.stringify(row[7])}`
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
  if (problem !== undefined) throw new CorruptEventError(row[2], Number(row[3]), problem)
  let data: unknown
  try {
    data = JSON.parse(row[5])
  } catch (cause) {
    throw new CorruptEventError(row[2], row[3], `data is not valid JSON (${(cause as Error).message})`, { cause })
  }
  return {
    id: row[1],
    type: row[4],
    streamId: row[2],
    version: row[3],
    occurredAt: row[6],
    recordedAt: row[7],
    actorId: row[8],
    commandId: row[9],
    correlationId: row[10],
    schemaVersion: row[11],
    data,
    position: formatPosition(row[0], row[12]),
  }
}
