import pg from 'pg'
import { rawRowToEvent, type Contender, type RawEventRow } from './contender.js'

/** The floor on Postgres: pg with a named prepared multi-row INSERT per append, no checks. */
export const rawPostgresContender = async (connectionString: string, schema: string): Promise<Contender> => {
  const pool = new pg.Pool({ connectionString, options: `-c search_path=${schema}`, max: 10 })
  await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`)
  await pool.query(`CREATE TABLE IF NOT EXISTS raw_events (
    position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, event_id text NOT NULL UNIQUE, stream_id text NOT NULL, version int NOT NULL,
    type text NOT NULL, data jsonb NOT NULL, occurred_at text NOT NULL, recorded_at text NOT NULL, actor_id text NOT NULL,
    command_id text NOT NULL, correlation_id text NOT NULL, schema_version int NOT NULL, UNIQUE (stream_id, version))`)
  const toEvent = (row: RawEventRow) => rawRowToEvent(row, row['data'])
  const insertSql = (n: number) =>
    `INSERT INTO raw_events (event_id, stream_id, version, type, data, occurred_at, recorded_at, actor_id, command_id, correlation_id, schema_version) VALUES ` +
    Array.from({ length: n }, (_, i) => `(${Array.from({ length: 11 }, (_, c) => `$${i * 11 + c + 1}`).join(', ')})`).join(', ')
  return {
    name: 'raw pg',
    kind: 'raw',
    database: 'postgres',
    append: async (streamId, events, expectedVersion) => {
      const recordedAt = new Date().toISOString()
      const values = events.flatMap((e, i) => [
        e.id, streamId, expectedVersion + i + 1, e.type, JSON.stringify(e.data), e.occurredAt, recordedAt, e.actorId, e.commandId, e.correlationId, e.schemaVersion,
      ])
      await pool.query({ name: `raw_insert_${events.length}`, text: insertSql(events.length), values })
    },
    isConflict: () => false,
    readStream: async (streamId) =>
      (await pool.query({ name: 'raw_stream', text: 'SELECT * FROM raw_events WHERE stream_id = $1 ORDER BY version', values: [streamId] })).rows.map(toEvent).length,
    readAll: async (after, limit) => {
      const { rows } = await pool.query({
        name: 'raw_page',
        text: 'SELECT * FROM raw_events WHERE position > $1 ORDER BY position LIMIT $2',
        values: [after === '' ? 0 : after, limit],
      })
      const events = rows.map(toEvent)
      return { events, next: events.at(-1)?.position ?? after }
    },
    close: () => pool.end(),
  }
}
