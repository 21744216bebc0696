import { toCloudEvent } from '../event-log/cloud-event.js'

/** What a test says about one event of a log; the rest is filled in (by default a note). */
export interface TestLogEvent {
  readonly streamId: string
  readonly version: number
  /** One command per event unless given. */
  readonly commandId?: string
  readonly type?: string
  readonly data?: unknown
}

/**
 * One line of a log as `export` writes it, for tests that need many events, many streams or an odd
 * order. The event id derives from the stream and the version.
 *
 * @example
 * writeFileSync(file, [logLine({ streamId: 'incident-a', version: 1 }), logLine({ streamId: 'incident-a', version: 2 })].join('\n'))
 */
export const logLine = ({ streamId, version, commandId = `command-${streamId}-${version}`, type = 'incident.note_added', data = { text: `note ${version}` } }: TestLogEvent): string =>
  JSON.stringify(
    toCloudEvent({
      id: `event-${streamId}-${version}`,
      type,
      streamId,
      version,
      occurredAt: new Date(Date.UTC(2026, 2, 12, 8) + version * 1000).toISOString(),
      recordedAt: '2026-03-12T12:00:00.000Z',
      actorId: 'alice',
      commandId,
      correlationId: commandId,
      schemaVersion: 1,
      data,
      position: '',
    }),
  )
