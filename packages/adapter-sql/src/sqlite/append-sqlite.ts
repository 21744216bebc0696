import { sql, type Kysely } from 'kysely'
import {
  ConcurrencyError,
  expectedVersionHolds,
  type AppendResult,
  type ExpectedVersion,
  type NewEventEnvelope,
  type RecordedEvent,
} from '@incident-kit/core'
import { formatPosition } from '../query/position.js'
import { param, precompile } from '../query/precompile.js'
import { readByCommandQuery } from '../query/read-by-command.js'
import { rowToEvent, type SelectedEventRow } from '../query/row-to-event.js'
import { duplicateEventIdError, validateAppend } from '../query/validate-append.js'
import { TABLE, type StoreDatabase } from '../schema/tables.js'
import type { SqliteRunner } from './sqlite-runner.js'
import type { WriteGate } from './write-gate.js'

/*
 * One prepared single-row INSERT per event. Multi-row VALUES were measured slower on SQLite (about 3x
 * per event at 50 rows: SQLite builds a temporary co-routine for them), so batches loop.
 */
const createInsertRows = (db: Kysely<StoreDatabase>, runner: SqliteRunner) => {
  const insertQuery = precompile<InsertParam>(
    db.insertInto(TABLE.events).values({
      event_id: param('id'),
      stream_id: param('streamId'),
      version: param<number>('version'),
      type: param('type'),
      data: param('data'),
      occurred_at: param('occurredAt'),
      recorded_at: param('recordedAt'),
      actor_id: param('actorId'),
      command_id: param('commandId'),
      command_seq: param<number>('commandSeq'),
      correlation_id: param('correlationId'),
      schema_version: param<number>('schemaVersion'),
    }),
  )
  const insert = runner.statement(insertQuery)
  /** Inserts the batch with versions after `current`; returns each row's position. */
  return (streamId: string, events: readonly NewEventEnvelope[], current: number, recordedAt: string): number[] =>
    events.map((event, i) =>
      Number(
        insert.run(
          ...insertQuery.bind({ ...event, streamId, version: current + i + 1, data: JSON.stringify(event.data), recordedAt, commandSeq: i }),
        ).lastInsertRowid,
      ),
    )
}

interface AppendState {
  readonly version: number
  readonly seen: number
}

type InsertParam = keyof NewEventEnvelope | 'streamId' | 'version' | 'recordedAt' | 'commandSeq'

const isUniqueEventIdViolation = (error: unknown) =>
  (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE' && String((error as Error).message).includes('event_id')

/**
 * `appendToStream` on SQLite. Inside `BEGIN IMMEDIATE` (the file's write lock, so no other process
 * writes in between): a known command returns its first result, the expected version is checked,
 * the rows are inserted, and the transaction commits. All of it runs synchronously with statements
 * compiled and prepared once.
 *
 * @example
 * const append = createSqliteAppend(db, runner, gate)
 * await append('incident-1', events, NO_STREAM)
 */
export const createSqliteAppend = (db: Kysely<StoreDatabase>, runner: SqliteRunner, gate: WriteGate) => {
  // One statement for both facts the append needs first: the stream's version and whether the command was seen.
  const stateQuery = precompile<'streamId' | 'commandId'>(
    db.selectNoFrom((eb) => [
      eb.selectFrom(TABLE.events).select(sql<number>`coalesce(max(version), 0)`.as('v')).where('stream_id', '=', param('streamId')).as('version'),
      eb.exists(eb.selectFrom(TABLE.events).select('position').where('command_id', '=', param('commandId'))).as('seen'),
    ]),
  )
  const state = runner.statement(stateQuery)
  const byCommand = runner.arrayStatement(readByCommandQuery(db, 'sqlite'))
  const insertRows = createInsertRows(db, runner)
  const { begin, commit, rollback } = runner.transactionStatements

  const appendInTransaction = (streamId: string, events: readonly NewEventEnvelope[], expected: ExpectedVersion): AppendResult => {
    const first = events[0]
    const { version, seen } = state.get(...stateQuery.bind({ streamId, commandId: first?.commandId ?? '' })) as AppendState
    const current = Number(version)
    if (first === undefined) return { events: [], nextVersion: current, duplicate: false }
    if (seen) return { events: (byCommand.all(first.commandId) as SelectedEventRow[]).map(rowToEvent), nextVersion: current, duplicate: true }
    if (!expectedVersionHolds(expected, current)) throw new ConcurrencyError(streamId, expected, current)
    const recordedAt = new Date().toISOString()
    const positions = insertRows(streamId, events, current, recordedAt)
    const stored = events.map(
      (event, i): RecordedEvent => ({ ...event, streamId, version: current + i + 1, recordedAt, position: formatPosition(positions[i]!) }),
    )
    return { events: stored, nextVersion: current + stored.length, duplicate: false }
  }

  const appendNow = (streamId: string, events: readonly NewEventEnvelope[], expected: ExpectedVersion): AppendResult => {
    begin.run()
    try {
      const result = appendInTransaction(streamId, events, expected)
      if (result.duplicate) rollback.run()
      else commit.run()
      return result
    } catch (error) {
      if (runner.inTransaction()) rollback.run()
      throw isUniqueEventIdViolation(error) ? duplicateEventIdError(error) : error
    }
  }

  return async (streamId: string, events: readonly NewEventEnvelope[], expected: ExpectedVersion): Promise<AppendResult> => {
    validateAppend(events)
    return gate.busy ? gate.run(() => appendNow(streamId, events, expected)) : appendNow(streamId, events, expected)
  }
}
