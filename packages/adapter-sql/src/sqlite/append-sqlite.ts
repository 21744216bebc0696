import type { Statement } from 'better-sqlite3'
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

/** Rows per INSERT statement: one statement step per chunk instead of one per event. */
const ROWS_PER_INSERT = 50

/** The insert of one batch: multi-row INSERTs compiled once per row count, as the batches need them. */
const createInsertRows = (db: Kysely<StoreDatabase>, runner: SqliteRunner) => {
  const row = {
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
  }
  const oneRow = precompile<InsertParam>(db.insertInto(TABLE.events).values(row))
  const statements = new Map<number, Statement>()
  // Kysely lists a multi-row VALUES row by row, so its parameters are the one-row parameters in sequence.
  const statementFor = (rows: number) => {
    let statement = statements.get(rows)
    if (statement === undefined) {
      statement = runner.statement(precompile(db.insertInto(TABLE.events).values(Array.from({ length: rows }, () => row))))
      statements.set(rows, statement)
    }
    return statement
  }
  /** Inserts the batch with versions after `current`; returns each row's position. */
  return (streamId: string, events: readonly NewEventEnvelope[], current: number, recordedAt: string): number[] => {
    const positions: number[] = []
    for (let start = 0; start < events.length; start += ROWS_PER_INSERT) {
      const chunk = events.slice(start, start + ROWS_PER_INSERT)
      const values = chunk.flatMap((event, j) =>
        oneRow.bind({ ...event, streamId, version: current + start + j + 1, data: JSON.stringify(event.data), recordedAt, commandSeq: start + j }),
      )
      // Under the write lock one statement's rows get consecutive positions, ending at the last rowid.
      const last = Number(statementFor(chunk.length).run(...values).lastInsertRowid)
      chunk.forEach((_, j) => positions.push(last - chunk.length + 1 + j))
    }
    return positions
  }
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
  const byCommand = runner.statement(readByCommandQuery(db, 'sqlite'))
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
