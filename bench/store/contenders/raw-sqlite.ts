import Database from 'better-sqlite3'
import { rawRowToEvent, type Contender, type RawEventRow } from './contender.js'

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
  const toEvent = (row: RawEventRow) => rawRowToEvent(row, JSON.parse(row['data'] as string))
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
    readStream: async (streamId) => (byStream.all(streamId) as RawEventRow[]).map(toEvent).length,
    readAll: async (after, limit) => {
      const events = (page.all(after === '' ? 0 : Number(after), limit) as RawEventRow[]).map(toEvent)
      return { events, next: events.at(-1)?.position ?? after }
    },
    close: async () => {
      db.close()
    },
  }
}
