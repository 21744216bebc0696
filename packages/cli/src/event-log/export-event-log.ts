import { IncidentKitError, incidentStreamId, parseIsoTime, readLogPages, type EventStore, type RecordedEvent } from '@incident-kit/core'
import { DEFAULT_EVENT_SOURCE, toCloudEvent } from './cloud-event.js'

export const INVALID_EXPORT_FILTER = 'INVALID_EXPORT_FILTER'

/** Which events an export writes; all of them when empty. */
export interface ExportFilter {
  readonly incidentId?: string
  readonly teamId?: string
  /** Only events that happened (`occurredAt`) at or after this ISO-8601 time (core's `parseIsoTime`). */
  readonly since?: string
}

export interface ExportEventLogOptions extends ExportFilter {
  /** The CloudEvents `source` attribute of every line. */
  readonly source?: string
  /** Receives each line, newline included; a returned promise is awaited (backpressure). */
  readonly write: (line: string) => void | Promise<void>
}

/** The team of a stream comes from its first event (`incident.started`, `playbook.created`). */
export const teamOfFirstEvent = (event: RecordedEvent): string | undefined => {
  const data = event.data as { teamId?: unknown } | null
  return event.version === 1 && typeof data?.teamId === 'string' ? data.teamId : undefined
}

const matcher = (filter: ExportFilter) => {
  const teamByStream = new Map<string, string>()
  const stream = filter.incidentId === undefined ? undefined : incidentStreamId(filter.incidentId)
  const since = filter.since === undefined ? undefined : parseIsoTime(filter.since)?.ms
  // Text that is not a time would export nothing at all, which looks like an empty log.
  if (filter.since !== undefined && since === undefined) {
    throw new IncidentKitError(INVALID_EXPORT_FILTER, `since is not an ISO-8601 time: ${JSON.stringify(filter.since)}`)
  }
  return (event: RecordedEvent) => {
    const team = teamOfFirstEvent(event)
    if (team !== undefined) teamByStream.set(event.streamId, team)
    if (stream !== undefined && event.streamId !== stream) return false
    if (filter.teamId !== undefined && teamByStream.get(event.streamId) !== filter.teamId) return false
    return since === undefined || Date.parse(event.occurredAt) >= since
  }
}

/**
 * Writes a store's log as CloudEvents JSON lines, in the store's global order (docs/event-log.md).
 * Events are exported as stored, without decoding, so nothing is lost, not even event types a
 * newer release wrote. Returns the number of lines written.
 *
 * @example
 * const lines: string[] = []
 * await exportEventLog(store, { teamId: 'sec', write: (line) => void lines.push(line) })
 */
export const exportEventLog = async (store: EventStore, options: ExportEventLogOptions): Promise<number> => {
  const matches = matcher(options)
  const source = options.source ?? DEFAULT_EVENT_SOURCE
  let written = 0
  for await (const page of readLogPages(store)) {
    for (const event of page.events) {
      if (!matches(event)) continue
      await options.write(`${JSON.stringify(toCloudEvent(event, source))}\n`)
      written++
    }
  }
  return written
}
