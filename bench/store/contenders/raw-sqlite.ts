import Database from 'better-sqlite3'
import type { RecordedEvent } from '@incident-kit/core'
import type { Contender } from './contender.js'

/**
 * The floor: better-sqlite3 with prepared statements, one INSERT per event in a `BEGIN IMMEDIATE`
 * transaction, no expected-version or idempotency checks.
 */
export const rawSqliteContender = (filename: string, synchronous: string): Contender => {
  const db = new Database(filename)
  db.pragma('journal_mode = WAL')
  db.pragma(`synchronous = ${synchronous}`)
  db.exec(`CREATE TABLE IF NOT EXISTS raw_events (
    position INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, stream_id TEXT NOT NULL, version INTEGER NOT NULL,
    type TEXT NOT NULL, data TEXT NOT NULL, occurred_at TEXT NOT NULL, recorded_at TEXT NOT NULL, actor_id TEXT NOT NULL,
    command_id TEXT NOT NULL, correlation_id TEXT NOT NULL, schema_version INTEGER NOT NULL, UNIQUE (stream_id, version))`)
  const insert = db.prepare(`INSERT INTO raw_events (event_id, stream_id, version, type, data, occurred_at, recorded_at, actor_id,
    command_id, correlation_id, schema_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const begin = db.prepare('BEGIN IMMEDIATE')
  const commit = db.prepare('COMMIT')
  const rollback = db.prepare('ROLLBACK')
  const byStream = db.prepare('SELECT * FROM raw_events WHERE stream_id = ? ORDER BY version')
  const page = db.prepare('SELECT * FROM raw_events WHERE position > ? ORDER BY position LIMIT ?')
  type Row = Record<string, string | number>
  const toEvent = (row: Row): RecordedEvent => ({
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
    data: JSON.parse(row['data'] as string),
    position: String(row['position']),
  })
  return {
    name: 'raw better-sqlite3',
    kind: 'raw',
    database: 'sqlite',
    append: async (streamId, events, expectedVersion) => {
      const recordedAt = new Date().toISOString()
      begin.run()
      try {
        events.forEach((e, i) =>
          insert.run(e.id, streamId, expectedVersion + i + 1, e.type, JSON.stringify(e.data), e.occurredAt, recordedAt, e.actorId, e.commandId, e.correlationId, e.schemaVersion),
        )
        commit.run()
      } catch (error) {
        rollback.run()
        throw error
      }
    },
    isConflict: () => false,
    readStream: async (streamId) => (byStream.all(streamId) as Row[]).map(toEvent).length,
    readAll: async (after, limit) => {
      const events = (page.all(after === '' ? 0 : Number(after), limit) as Row[]).map(toEvent)
      return { events, next: events.at(-1)?.position ?? after }
    },
    close: async () => {
      db.close()
    },
  }
}
