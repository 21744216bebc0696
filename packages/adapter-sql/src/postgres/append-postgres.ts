import { sql, type Kysely } from 'kysely'
import {
  ANY,
  ConcurrencyError,
  STREAM_EXISTS,
  expectedVersionHolds,
  recordEvent,
  type AppendOptions,
  type AppendResult,
  type NewEventEnvelope,
} from '@incident-kit/core'
import { commandEventsWithSeq } from '../query/read-by-command.js'
import { currentVersionQuery, type CurrentVersionRow } from '../query/current-version.js'
import { formatPosition } from '../query/position.js'
import { param, precompile } from '../query/precompile.js'
import type { QueryRunner } from '../query/query-runner.js'
import { EVENT_COLUMNS, rowToEvent, type SelectedEventRow } from '../query/row-to-event.js'
import { duplicateEventIdError } from '../query/duplicate-event-id.js'
import { CONSTRAINT, TABLE, type StoreDatabase } from '../schema/tables.js'
import { violatedUniqueConstraint } from './unique-violation.js'

/** Appends with `any` or `stream_exists` retry when a concurrent writer took the same version. */
const MAX_VERSION_RACES = 50

/*
 * One statement, so one round trip and an implicit transaction: read the stream's version, check the
 * expectation, insert the batch with contiguous versions. The unique indexes settle races: the same
 * (stream, version) means a concurrent append won, the same (command, 0) means the command was
 * recorded by someone else first.
 */
const appendStatement = (db: Kysely<StoreDatabase>) =>
  precompile<'streamId' | 'events' | 'recordedAt' | 'commandId' | 'expectedKind' | 'expectedVersion'>({
    compile: () =>
      sql`
      WITH current AS (
        SELECT coalesce(max(version), 0) AS version FROM ${sql.table(TABLE.events)} WHERE stream_id = ${param('streamId')}
      )
      INSERT INTO ${sql.table(TABLE.events)}
        (event_id, stream_id, version, type, data, occurred_at, recorded_at, actor_id, command_id, command_seq, correlation_id, schema_version)
      SELECT e.event->>'id', ${param('streamId')}, current.version + e.ord::int, e.event->>'type', e.event->'data',
        e.event->>'occurredAt', ${param('recordedAt')}, e.event->>'actorId', ${param('commandId')}, e.ord::int - 1,
        e.event->>'correlationId', (e.event->>'schemaVersion')::int
      FROM current, jsonb_array_elements(${param('events')}::jsonb) WITH ORDINALITY AS e(event, ord)
      WHERE CASE ${param('expectedKind')}::text
        WHEN 'any' THEN true
        WHEN 'no_stream' THEN current.version = 0
        WHEN 'stream_exists' THEN current.version > 0
        ELSE current.version = ${param<number>('expectedVersion')}::int
      END
      RETURNING position::text AS position, transaction_id::text AS transaction_id, version, command_seq`.compile(db),
  })

interface InsertedRow {
  readonly position: string
  readonly transaction_id: string
  readonly version: number
  /** The event's index in the batch: RETURNING promises no order, so rows are matched by it. */
  readonly command_seq: number
}

/*
 * After a lost race, one round trip (a pool of ten shared by eight racing writers has no spare
 * connection for two): the stream's version, left-joined to the command's events if it was
 * recorded, in batch order. Every row starts with the version; the event columns are null when the
 * command is not there.
 */
const afterRace = (db: Kysely<StoreDatabase>) => {
  const recorded = commandEventsWithSeq(db)
  return precompile<'streamId' | 'commandId'>({
    compile: () =>
      sql`
      SELECT current.version, ${sql.join([...EVENT_COLUMNS, 'transaction_id'].map((column) => sql.ref(`recorded.${column}`)))}
      FROM (SELECT coalesce(max(version), 0) AS version FROM ${sql.table(TABLE.events)} WHERE stream_id = ${param('streamId')}) AS current
      LEFT JOIN LATERAL (${recorded}) AS recorded ON true
      ORDER BY recorded.command_seq`.compile(db),
  })
}

/** The stream's version, then a recorded event's columns (null when the command was not recorded). */
type AfterRaceRow = readonly [version: number, ...eventColumns: SelectedEventRow | readonly null[]]

/**
 * `appendToStream` on Postgres: one precompiled statement per attempt; a lost race on the version is
 * a `ConcurrencyError` for exact expectations and a retry for `any` and `stream_exists`.
 *
 * @example
 * const append = createPostgresAppend(db, runner)
 * await append('incident-1', events, 3)
 */
export const createPostgresAppend = (db: Kysely<StoreDatabase>, runner: QueryRunner) => {
  const statement = appendStatement(db)
  const versionQuery = currentVersionQuery(db)
  const afterRaceQuery = afterRace(db)
  const currentVersion = async (streamId: string) => Number((await runner.all<CurrentVersionRow>(versionQuery, { streamId }))[0]?.version ?? 0)
  /** After a lost race: the stream's version, and the command's first result if it was recorded. */
  const afterConflict = async (streamId: string, commandId: string) => {
    const rows = await runner.arrays<AfterRaceRow>(afterRaceQuery, { streamId, commandId })
    const version = Number(rows[0]?.[0] ?? 0)
    const recorded = rows.filter((row) => row[1] !== null).map((row) => rowToEvent(row.slice(1) as unknown as SelectedEventRow))
    const previous: AppendResult | undefined = recorded.length === 0 ? undefined : { events: recorded, nextVersion: version, duplicate: true }
    return { previous, version }
  }

  const attempt = async (streamId: string, events: readonly NewEventEnvelope[], { expectedVersion: expected, recordedAt = new Date().toISOString() }: AppendOptions) => {
    const rows = await runner.all<InsertedRow>(statement, {
      streamId,
      events: JSON.stringify(events),
      recordedAt,
      commandId: events[0]!.commandId,
      expectedKind: typeof expected === 'number' ? 'exact' : expected,
      expectedVersion: typeof expected === 'number' ? expected : 0,
    })
    return [...rows]
      .sort((a, b) => a.command_seq - b.command_seq)
      .map((row) =>
        recordEvent(events[row.command_seq]!, { streamId, version: row.version, recordedAt, position: formatPosition(row.position, row.transaction_id) }),
      )
  }

  return async (streamId: string, events: readonly NewEventEnvelope[], options: AppendOptions): Promise<AppendResult> => {
    const expected = options.expectedVersion
    const commandId = events[0]?.commandId
    if (commandId === undefined) return { events: [], nextVersion: await currentVersion(streamId), duplicate: false }
    for (let race = 0; ; race++) {
      try {
        const stored = await attempt(streamId, events, options)
        if (stored.length > 0) return { events: stored, nextVersion: stored.at(-1)!.version, duplicate: false }
      } catch (error) {
        const constraint = violatedUniqueConstraint(error)
        if (constraint === CONSTRAINT.eventId) throw duplicateEventIdError(error)
        if (constraint !== CONSTRAINT.streamVersion && constraint !== CONSTRAINT.command) throw error
        if (constraint === CONSTRAINT.streamVersion && (expected === ANY || expected === STREAM_EXISTS) && race < MAX_VERSION_RACES) continue
      }
      const { previous, version } = await afterConflict(streamId, commandId)
      if (previous) return previous
      if (!expectedVersionHolds(expected, version) || race >= MAX_VERSION_RACES) throw new ConcurrencyError(streamId, expected, version)
    }
  }
}
