import { sql, type Kysely, type RawBuilder } from 'kysely'
import {
  ANY,
  ConcurrencyError,
  NO_STREAM,
  STREAM_EXISTS,
  expectedVersionHolds,
  recordEvent,
  type AppendOptions,
  type AppendResult,
  type ExpectedVersion,
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

/** The new events as rows: `e(id, type, data, occurred_at, actor_id, correlation_id, schema_version, ord)`. */
type EventRows = RawBuilder<unknown>

/** A batch arrives as one JSON array, whatever its length, so one prepared statement serves all batches. */
const batchRows: EventRows = sql`(
  SELECT e.event->>'id' AS id, e.event->>'type' AS type, e.event->'data' AS data, e.event->>'occurredAt' AS occurred_at,
    e.event->>'actorId' AS actor_id, e.event->>'correlationId' AS correlation_id, (e.event->>'schemaVersion')::int AS schema_version,
    e.ord::int AS ord
  FROM jsonb_array_elements(${param('events')}::jsonb) WITH ORDINALITY AS e(event, ord)
) AS e`

/*
 * A single event, the bot's usual append, as parameters: Postgres then parses no JSON array and
 * extracts no fields: single-event appends ran 4% faster with one writer and 10% with eight (beside
 * bench:store W1, 2026-11-28). Batches of 10 and 100 gained nothing from a VALUES list.
 */
const singleRow: EventRows = sql`(VALUES (
  ${param('id')}, ${param('type')}, ${param('data')}::jsonb, ${param('occurredAt')}, ${param('actorId')}, ${param('correlationId')},
  ${param<number>('schemaVersion')}::int, 1
)) AS e(id, type, data, occurred_at, actor_id, correlation_id, schema_version, ord)`

type AppendParam = 'streamId' | 'recordedAt' | 'commandId' | 'expectedKind' | 'expectedVersion'

/** Where a statement finds the stream's version before the append, and what the expectation asks of it. */
interface PreviousVersion {
  /** A FROM item with a `version` column; the statement inserts nothing when it yields no row. */
  readonly from: RawBuilder<unknown>
  readonly holds: RawBuilder<unknown>
}

/*
 * `any` and `stream_exists`: the stream's version as it is (0 for a new stream). Reading it costs
 * the most of the three (a subquery over the stream's index entries, a filter on its result).
 */
const currentVersion: PreviousVersion = {
  from: sql`(SELECT coalesce(max(version), 0) AS version FROM ${sql.table(TABLE.events)} WHERE stream_id = ${param('streamId')}) AS previous`,
  holds: sql`(${param('expectedKind')}::text = 'any' OR previous.version > 0)`,
}

/*
 * An exact version N > 0, what the command handler always gives: the row at version N itself. No
 * row (the stream is shorter) inserts nothing; a row at N + 1 (the stream is longer) is the
 * (stream, version) index's unique violation. One index lookup instead of the subquery took about
 * a fifth off the statement's execution on the server; whole appends of 10 events gained 3–4%, of
 * one event 0–3% (old and new statement in alternating rounds, 2026-11-28).
 */
const exactVersion: PreviousVersion = {
  from: sql`${sql.table(TABLE.events)} AS previous`,
  holds: sql`previous.stream_id = ${param('streamId')} AND previous.version = ${param<number>('expectedVersion')}::int`,
}

/* `no_stream` or exact 0: version 1 onwards; if the stream exists, version 1 is a unique violation. */
const newStream: PreviousVersion = { from: sql`(SELECT 0 AS version) AS previous`, holds: sql`true` }

/*
 * One statement, so one round trip and an implicit transaction: find the stream's version, check the
 * expectation, insert the events with contiguous versions. The unique indexes settle races: the same
 * (stream, version) means a concurrent append won, the same (command, 0) means the command was
 * recorded by someone else first.
 */
const appendStatement = <P extends string>(db: Kysely<StoreDatabase>, rows: EventRows, previous: PreviousVersion) =>
  precompile<AppendParam | P>({
    compile: () =>
      sql`
      INSERT INTO ${sql.table(TABLE.events)}
        (event_id, stream_id, version, type, data, occurred_at, recorded_at, actor_id, command_id, command_seq, correlation_id, schema_version)
      SELECT e.id, ${param('streamId')}, previous.version + e.ord, e.type, e.data, e.occurred_at, ${param('recordedAt')}, e.actor_id,
        ${param('commandId')}, e.ord - 1, e.correlation_id, e.schema_version
      FROM ${previous.from}, ${rows}
      WHERE ${previous.holds}
      RETURNING position::text AS position, transaction_id::text AS transaction_id, version, command_seq`.compile(db),
  })

/** The statement for each kind of expectation, for one way of sending the events. */
const appendStatements = <P extends string>(db: Kysely<StoreDatabase>, rows: EventRows) => {
  const reading = appendStatement<P>(db, rows, currentVersion)
  const exact = appendStatement<P>(db, rows, exactVersion)
  const fresh = appendStatement<P>(db, rows, newStream)
  return (expected: ExpectedVersion) => (expected === NO_STREAM || expected === 0 ? fresh : typeof expected === 'number' ? exact : reading)
}

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
  const batchStatement = appendStatements<'events'>(db, batchRows)
  const singleStatement = appendStatements<'id' | 'type' | 'data' | 'occurredAt' | 'actorId' | 'correlationId' | 'schemaVersion'>(db, singleRow)
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
    // Each statement's values written out: object spread takes a slow path in V8 (Node 20) that cost
    // more than the rest of the append's own work together.
    const commandId = events[0]!.commandId
    const expectedKind = typeof expected === 'number' ? 'exact' : expected
    const expectedVersion = typeof expected === 'number' ? expected : 0
    const only = events.length === 1 ? events[0] : undefined
    const rows = only
      ? await runner.all<InsertedRow>(singleStatement(expected), {
          streamId,
          recordedAt,
          commandId,
          expectedKind,
          expectedVersion,
          id: only.id,
          type: only.type,
          data: JSON.stringify(only.data),
          occurredAt: only.occurredAt,
          actorId: only.actorId,
          correlationId: only.correlationId,
          schemaVersion: only.schemaVersion,
        })
      : await runner.all<InsertedRow>(batchStatement(expected), { streamId, recordedAt, commandId, expectedKind, expectedVersion, events: JSON.stringify(events) })
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
        if (constraint === CONSTRAINT.eventId) {
          // The very same events sent again (a retry after a lost answer) hit the event id index
          // before the command's: they are the command's first result, not a misuse of an id.
          const { previous } = await afterConflict(streamId, commandId)
          if (previous) return previous
          throw await duplicateEventIdError(db, streamId, events, error)
        }
        if (constraint !== CONSTRAINT.streamVersion && constraint !== CONSTRAINT.command) throw error
        if (constraint === CONSTRAINT.streamVersion && (expected === ANY || expected === STREAM_EXISTS) && race < MAX_VERSION_RACES) continue
      }
      const { previous, version } = await afterConflict(streamId, commandId)
      if (previous) return previous
      if (!expectedVersionHolds(expected, version) || race >= MAX_VERSION_RACES) throw new ConcurrencyError(streamId, expected, version)
    }
  }
}
