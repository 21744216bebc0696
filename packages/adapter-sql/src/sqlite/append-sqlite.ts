import type { Kysely } from 'kysely'
import {
  ConcurrencyError,
  expectedVersionHolds,
  recordEvent,
  type AppendOptions,
  type AppendResult,
  type NewEventEnvelope,
} from '@incident-kit/core'
import { currentVersionQuery, type CurrentVersionRow } from '../query/current-version.js'
import { formatPosition } from '../query/position.js'
import { param, precompile } from '../query/precompile.js'
import { readByCommandQuery } from '../query/read-by-command.js'
import { rowToEvent, type SelectedEventRow } from '../query/row-to-event.js'
import { duplicateEventIdError } from '../query/duplicate-event-id.js'
import { TABLE, type StoreDatabase } from '../schema/tables.js'
import { isSqliteBusy, type BusyWait } from './sqlite-busy.js'
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
    events.map((event, i) => {
      // Every field named: `{ ...event, streamId }` costs microseconds per event on V8 (see `recordEvent`).
      const values: Record<InsertParam, unknown> = {
        id: event.id,
        type: event.type,
        data: JSON.stringify(event.data),
        occurredAt: event.occurredAt,
        actorId: event.actorId,
        commandId: event.commandId,
        correlationId: event.correlationId,
        schemaVersion: event.schemaVersion,
        streamId,
        version: current + i + 1,
        recordedAt,
        commandSeq: i,
      }
      return Number(insert.run(...insertQuery.bind(values)).lastInsertRowid)
    })
}

type InsertParam = keyof NewEventEnvelope | 'streamId' | 'version' | 'recordedAt' | 'commandSeq'

/** Which unique index an insert hit, from SQLite's message ("UNIQUE constraint failed: ik_events.event_id"). */
const uniqueViolation = (error: unknown): 'event id' | 'command' | undefined => {
  if ((error as { code?: unknown }).code !== 'SQLITE_CONSTRAINT_UNIQUE') return undefined
  const message = String((error as Error).message)
  if (message.includes('event_id')) return 'event id'
  return message.includes('command_id') ? 'command' : undefined
}

/**
 * `appendToStream` on SQLite. Inside `BEGIN IMMEDIATE` (the file's write lock, so no other process
 * writes in between): the stream's version is read, the expectation checked, the rows inserted, and
 * the transaction commits. A repeated command costs nothing on the way in: the unique index on
 * (command_id, command_seq) rejects its rows, and only then, or when the expectation fails, is
 * its first result looked up (a retried command with a stale expectation is still a duplicate).
 * All of it runs synchronously with statements compiled and prepared once, and at once when the
 * file is free. When another connection holds the write lock, `BEGIN IMMEDIATE` answers SQLITE_BUSY
 * after a few milliseconds and the append tries again on timers (`busy`), holding the write gate so
 * that this store's later writes keep their order behind it.
 *
 * @example
 * const append = createSqliteAppend(db, runner, gate, createBusyWait(5_000))
 * await append('incident-1', events, NO_STREAM)
 */
export const createSqliteAppend = (db: Kysely<StoreDatabase>, runner: SqliteRunner, gate: WriteGate, busy: BusyWait) => {
  const versionQuery = currentVersionQuery(db)
  const versionStatement = runner.statement(versionQuery)
  const currentVersion = (streamId: string) => Number((versionStatement.get(...versionQuery.bind({ streamId })) as CurrentVersionRow).version)
  const byCommand = runner.arrayStatement(readByCommandQuery(db, 'sqlite'))
  const insertRows = createInsertRows(db, runner)
  const { begin, commit, rollback } = runner.transactionStatements

  const previousResult = (commandId: string, current: number): AppendResult | undefined => {
    const rows = byCommand.all(commandId) as SelectedEventRow[]
    return rows.length === 0 ? undefined : { events: rows.map(rowToEvent), nextVersion: current, duplicate: true }
  }

  const appendInTransaction = (streamId: string, events: readonly NewEventEnvelope[], { expectedVersion: expected, recordedAt = new Date().toISOString() }: AppendOptions): AppendResult => {
    const current = currentVersion(streamId)
    const first = events[0]
    if (!expectedVersionHolds(expected, current)) {
      const previous = first && previousResult(first.commandId, current)
      if (previous) return previous
      throw new ConcurrencyError(streamId, expected, current)
    }
    if (first === undefined) return { events: [], nextVersion: current, duplicate: false }
    const positions = insertRows(streamId, events, current, recordedAt)
    const stored = events.map((event, i) => recordEvent(event, { streamId, version: current + i + 1, recordedAt, position: formatPosition(positions[i]!) }))
    return { events: stored, nextVersion: current + stored.length, duplicate: false }
  }

  const appendNow = (streamId: string, events: readonly NewEventEnvelope[], options: AppendOptions): AppendResult => {
    begin.run()
    try {
      const result = appendInTransaction(streamId, events, options)
      commit.run()
      return result
    } catch (error) {
      // SQLITE_BUSY comes from BEGIN IMMEDIATE, where the write lock is taken; in WAL mode a COMMIT
      // should never answer it, but if one did, the rollback here leaves nothing behind and the
      // whole append is tried again like one that found the file locked.
      if (runner.inTransaction()) rollback.run()
      // A taken event id is named by the caller, outside the write gate.
      if (uniqueViolation(error) !== 'command') throw error
      // Outside the transaction: the command's rows are committed and never change.
      const current = currentVersion(streamId)
      return previousResult(events[0]!.commandId, current)!
    }
  }

  const appendWhenFree = (streamId: string, events: readonly NewEventEnvelope[], options: AppendOptions, busyError?: unknown) =>
    gate.run(() => {
      const append = () => appendNow(streamId, events, options)
      return busyError === undefined ? busy.run(append) : busy.retry(append, busyError)
    })

  return async (streamId: string, events: readonly NewEventEnvelope[], options: AppendOptions): Promise<AppendResult> => {
    try {
      if (gate.busy) return await appendWhenFree(streamId, events, options)
      try {
        return appendNow(streamId, events, options)
      } catch (error) {
        if (!isSqliteBusy(error)) throw error
        // Still in the same tick: the gate is free, and taken at once.
        return await appendWhenFree(streamId, events, options, error)
      }
    } catch (error) {
      if (uniqueViolation(error) === 'event id') throw await duplicateEventIdError(db, streamId, events, error)
      throw error
    }
  }
}
