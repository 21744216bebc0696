import { sql, type Kysely, type RawBuilder } from 'kysely'
import {
  ANY,
  ConcurrencyError,
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

/*
 * One statement, so one round trip and an implicit transaction: read the stream's version, check the
 * expectation, insert the events with contiguous versions. The unique indexes settle races: the same
 * (stream, version) means a concurrent append won, the same (command, 0) means the command was
 * recorded by someone else first. A stale expectation inserts nothing, without an error. (Looking
 * up row N for an exact version N instead ran 0–4% faster, within the VM's noise, but made every
 * stale append a unique violation: an ERROR in the server's log and a dead row each.)
 */
const appendStatement = <P extends string>(db: Kysely<StoreDatabase>, rows: EventRows) =>
  precompile<AppendParam | P>({
    compile: () =>
      sql`
      WITH current AS (
        SELECT coalesce(max(version), 0) AS version FROM ${sql.table(TABLE.events)} WHERE stream_id = ${param('streamId')}
      )
      INSERT INTO ${sql.table(TABLE.events)}
        (event_id, stream_id, version, type, data, occurred_at, recorded_at, actor_id, command_id, command_seq, correlation_id, schema_version)
      SELECT e.id, ${param('streamId')}, current.version + e.ord, e.type, e.data, e.occurred_at, ${param('recordedAt')}, e.actor_id,
        ${param('commandId')}, e.ord - 1, e.correlation_id, e.schema_version
      FROM current, ${rows}
      WHERE CASE ${param('expectedKind')}::text
        WHEN 'any' THEN true
        WHEN 'no_stream' THEN current.version = 0
        WHEN 'stream_exists' THEN current.version > 0
        ELSE current.version = ${param<number>('expectedVersion')}::int
      END
      RETURNING position::text, transaction_id::text, version, command_seq`.compile(db),
  })

/**
 * An inserted row as an array: pg then builds no object per row, which cost a batch of ten about
 * 20 µs of this process's CPU, a sixth of its share of the append (a scratch run beside bench:store
 * W2, 2026-11-28). The last column is the event's index in the batch: RETURNING promises no order,
 * so rows are matched by it.
 */
type InsertedRow = readonly [position: string, transactionId: string, version: number, commandSeq: number]

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
  const batchStatement = appendStatement<'events'>(db, batchRows)
  const singleStatement = appendStatement<'id' | 'type' | 'data' | 'occurredAt' | 'actorId' | 'correlationId' | 'schemaVersion'>(db, singleRow)
  const versionQuery = currentVersionQuery(db)
  const afterRaceQuery = afterRace(db)
  const currentVersion = async (streamId: string) => Number((await runner.all<CurrentVersionRow>(versionQuery, { streamId }))[0]?.version ?? 0)
  /** An append of no events stores nothing, but its expectation holds as for any other. */
  const emptyAppend = async (streamId: string, expected: ExpectedVersion): Promise<AppendResult> => {
    const current = await currentVersion(streamId)
    if (!expectedVersionHolds(expected, current)) throw new ConcurrencyError(streamId, expected, current)
    return { events: [], nextVersion: current, duplicate: false }
  }
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
      ? await runner.arrays<InsertedRow>(singleStatement, {
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
      : await runner.arrays<InsertedRow>(batchStatement, { streamId, recordedAt, commandId, expectedKind, expectedVersion, events: JSON.stringify(events) })
    return [...rows]
      .sort((a, b) => a[3] - b[3])
      .map(([position, transactionId, version, commandSeq]) =>
        recordEvent(events[commandSeq]!, { streamId, version, recordedAt, position: formatPosition(position, transactionId) }),
      )
  }

  return async (streamId: string, events: readonly NewEventEnvelope[], options: AppendOptions): Promise<AppendResult> => {
    const expected = options.expectedVersion
    const commandId = events[0]?.commandId
    if (commandId === undefined) return emptyAppend(streamId, expected)
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
