import * as E from 'fp-ts/lib/Either.js'
import { buildReadModel, compareIds, compareTimes, incidentDetail, itemDurations, timeline, type IncidentReadModel } from '@incident-kit/projections'
import { lineError, type LogLine, type LogLineError } from '../event-log/parse-log-line.js'

/** One incident of a replay as JSON: the contract of `replay --format json` (docs/cli.md). */
export interface ReplayedIncident {
  readonly incidentId: string
  readonly name: string
  readonly teamId: string
  readonly status: 'active' | 'ended'
  readonly severity: string | null
  readonly playbookId: string | null
  readonly reporterId: string
  readonly commanderId: string
  readonly startedAt: string
  readonly endedAt: string | null
  readonly timeline: ReadonlyArray<{ at: string; actorId: string; type: string; text: string }>
  readonly itemDurations: ReadonlyArray<{
    itemId: string
    title: string
    addedAt: string
    firstCompletedAt: string | null
    lastCompletedAt: string | null
    timesChecked: number
    timesUnchecked: number
    skipped: boolean
    msFromStart: number | null
    msFromAdded: number | null
  }>
}

export interface ReplayDocument {
  /** The `--at` time the log was cut at, or `null` for the whole log. */
  readonly asOf: string | null
  readonly incidents: readonly ReplayedIncident[]
}

export interface ReplayOptions {
  /** Show everything as it stood at this ISO-8601 time (events that happened up to then). */
  readonly at?: string
}

/** A replay needs every stream from its first event: a log cut `--since` cannot be replayed. */
const streamsFromTheStart = (lines: readonly LogLine[]): LogLineError[] => {
  const seen = new Set<string>()
  const errors: LogLineError[] = []
  for (const { line, event } of lines) {
    if (seen.has(event.streamId)) continue
    seen.add(event.streamId)
    if (event.version !== 1) errors.push(lineError(line, `${event.streamId} starts at version ${event.version}; a replay needs every stream from version 1`))
  }
  return errors
}

/**
 * Builds the read model of a parsed log, as of `at` when given. No database: the file is the log.
 *
 * @example
 * const model = replayReadModel(await readEventLogFile('log.jsonl', cwd), { at: '2026-03-12T09:30:00Z' })
 */
export const replayReadModel = (lines: readonly LogLine[], options: ReplayOptions = {}): E.Either<LogLineError[], IncidentReadModel> => {
  const errors = streamsFromTheStart(lines)
  if (errors.length > 0) return E.left(errors)
  const built = buildReadModel(
    lines.map((l) => l.event),
    options.at === undefined ? {} : { asOf: { time: options.at } },
  )
  return E.isLeft(built) ? E.left([lineError(1, built.left.message)]) : E.right(built.right)
}

/** The incidents a replay shows: one by id, or all of the log, oldest first. */
export const replayedIncidentIds = (model: IncidentReadModel, incidentId?: string): string[] =>
  incidentId !== undefined
    ? Object.hasOwn(model.incidents, incidentId)
      ? [incidentId]
      : []
    : Object.values(model.incidents)
        .sort((a, b) => compareTimes(a.startedAt, b.startedAt) || compareIds(a.incidentId, b.incidentId))
        .map((incident) => incident.incidentId)

/**
 * The JSON of `replay --format json`: per incident its summary, timeline and item durations.
 * Times are ISO-8601; `null` where something never happened.
 *
 * @example
 * replayJson(model, ['i1'], null).incidents[0]?.itemDurations[0]?.msFromStart // 1_800_000
 */
export const replayJson = (model: IncidentReadModel, incidentIds: readonly string[], asOf: string | null): ReplayDocument => ({
  asOf,
  incidents: incidentIds.flatMap((id) => {
    const detail = incidentDetail(model, id)
    if (!detail) return []
    return [
      {
        incidentId: detail.incidentId,
        name: detail.name,
        teamId: detail.teamId,
        status: detail.status,
        severity: detail.severity,
        playbookId: detail.playbookId,
        reporterId: detail.reporterId,
        commanderId: detail.commanderId,
        startedAt: detail.startedAt,
        endedAt: detail.endedAt,
        timeline: (timeline(model, id) ?? []).map(({ at, actorId, type, text }) => ({ at, actorId, type, text })),
        itemDurations: (itemDurations(model, id) ?? []).map((d) => ({
          itemId: d.itemId,
          title: d.title,
          addedAt: d.addedAt,
          firstCompletedAt: d.firstCompletedAt,
          lastCompletedAt: d.lastCompletedAt,
          timesChecked: d.timesChecked,
          timesUnchecked: d.timesUnchecked,
          skipped: d.skipped,
          msFromStart: d.msFromStart,
          msFromAdded: d.msFromAdded,
        })),
      },
    ]
  }),
})
