import type { Kysely } from 'kysely'
import {
  ConcurrencyError,
  expectedVersionHolds,
  type AppendResult,
  type ExpectedVersion,
  type NewEventEnvelope,
  type RecordedEvent,
} from '@incident-kit/core'
import { currentVersionQuery, type CurrentVersionRow } from '../query/current-version.js'
import { formatPosition } from '../query/position.js'
import { param, precompile } from '../query/precompile.js'
import { readByCommandQuery } from '../query/read-by-command.js'
import { rowToEvent, type SelectedEventRow } from '../query/row-to-event.js'
import { duplicateEventIdError, validateAppend } from '../query/validate-append.js'
import { TABLE, type StoreDatabase } from '../schema/tables.js'
import type { SqliteRunner } from './sqlite-runner.js'
import type { WriteGate } from './write-gate.js'

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
  const version = runner.statement(currentVersionQuery(db))
  const byCommand = runner.statement(readByCommandQuery(db, 'sqlite'))
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
  const { begin, commit, rollback } = runner.transactionStatements

  const appendInTransaction = (streamId: string, events: readonly NewEventEnvelope[], expected: ExpectedVersion): AppendResult => {
    const current = Number((version.get(streamId) as CurrentVersionRow).version)
    const first = events[0]
    if (first === undefined) return { events: [], nextVersion: current, duplicate: false }
    const previous = byCommand.all(first.commandId) as SelectedEventRow[]
    if (previous.length > 0) return { events: previous.map(rowToEvent), nextVersion: current, duplicate: true }
    if (!expectedVersionHolds(expected, current)) throw new ConcurrencyError(streamId, expected, current)
    const recordedAt = new Date().toISOString()
    const stored = events.map((event, i): RecordedEvent => {
      const eventVersion = current + i + 1
      const { lastInsertRowid } = insert.run(
        ...insertQuery.bind({
          ...event,
          streamId,
          version: eventVersion,
          data: JSON.stringify(event.data),
          recordedAt,
          commandSeq: i,
        }),
      )
      return { ...event, streamId, version: eventVersion, recordedAt, position: formatPosition(Number(lastInsertRowid)) }
    })
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
