import { randomUUID } from 'node:crypto'
import { uuidGenerator, type NewEventEnvelope, type RecordedEvent } from '@incident-kit/core'
import type { Figure } from '../measure.js'

export type BenchDatabase = 'sqlite' | 'postgres'

/** One page of the global log, already shaped as the core's `RecordedEvent` (what a projection reads). */
export interface LogPage {
  readonly events: readonly RecordedEvent[]
  readonly next: string
}

/** What every store in the benchmark can do, in the benchmark's terms. */
export interface Contender {
  readonly name: string
  readonly kind: Figure['kind']
  readonly database: BenchDatabase
  /** Appends with a numeric expected version (0 for a new stream); throws on a conflict. */
  append(streamId: string, events: readonly NewEventEnvelope[], expectedVersion: number): Promise<void>
  isConflict(error: unknown): boolean
  /** The stream's events (count) and so its version. */
  readStream(streamId: string): Promise<number>
  /** `after` is '' for the start. */
  readAll(after: string, limit: number): Promise<LogPage>
  close(): Promise<void>
}

/** A row of the raw floors' `raw_events` table, as the driver returns it. */
export type RawEventRow = Record<string, string | number | object>

/** A raw floor's row as a `RecordedEvent`; `data` as the driver gives it (SQLite: JSON text, Postgres: parsed jsonb). */
export const rawRowToEvent = (row: RawEventRow, data: unknown): RecordedEvent => ({
  id: row['event_id'] as string,
  type: row['type'] as string,
  streamId: row['stream_id'] as string,
  version: row['version'] as number,
  occurredAt: row['occurred_at'] as string,
  recordedAt: row['recorded_at'] as string,
  actorId: row['actor_id'] as string,
  commandId: row['command_id'] as string,
  correlationId: row['correlation_id'] as string,
  schemaVersion: row['schema_version'] as number,
  data,
  position: String(row['position']),
})

const TEXT = 'Checkout API returns 502 for a share of requests; rolling back the last deploy.'

/**
 * The same payload for every store: an `incident.note_added` of about 100 bytes of data. Event ids
 * come from the generator the command handler uses (time-ordered); command ids are random, as the
 * bot's delivery keys are.
 */
export const benchEvents = (count: number): NewEventEnvelope[] => {
  const commandId = randomUUID()
  return Array.from({ length: count }, (_, i) => ({
    id: uuidGenerator.next(),
    type: 'incident.note_added',
    data: { text: `${TEXT} #${i}` },
    occurredAt: new Date().toISOString(),
    actorId: 'user-4711',
    commandId,
    correlationId: commandId,
    schemaVersion: 1,
  }))
}
