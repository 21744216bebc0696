import { toCloudEvent } from '../event-log/cloud-event.js'

/** What a test says about one event of a log; the rest is filled in (by default a note; at version 1, the stream's creation). */
export interface TestLogEvent {
  readonly streamId: string
  readonly version: number
  /** One command per event unless given. */
  readonly commandId?: string
  readonly type?: string
  readonly data?: unknown
}

/** The event that creates the stream, at its version 1: readers refuse a stream that starts otherwise. */
const creationAt = (streamId: string, version: number): { type: string; data: unknown } | undefined => {
  if (version !== 1) return undefined
  if (streamId.startsWith('incident-')) {
    const incidentId = streamId.slice('incident-'.length)
    return { type: 'incident.started', data: { incidentId, teamId: 'ops', name: incidentId, channelName: incidentId, commanderId: 'alice', reporterId: 'alice', checklists: [] } }
  }
  if (streamId.startsWith('playbook-')) {
    return { type: 'playbook.created', data: { playbookId: streamId.slice('playbook-'.length), teamId: 'ops', title: 'Playbook', checklists: [] } }
  }
  return undefined
}

/**
 * One line of a log as `export` writes it, for tests that need many events, many streams or an odd
 * order. The event id derives from the stream and the version.
 *
 * @example
 * writeFileSync(file, [logLine({ streamId: 'incident-a', version: 1 }), logLine({ streamId: 'incident-a', version: 2 })].join('\n'))
 */
export const logLine = ({ streamId, version, commandId = `command-${streamId}-${version}`, ...given }: TestLogEvent): string => {
  const creation = given.type === undefined ? creationAt(streamId, version) : undefined
  const type = given.type ?? creation?.type ?? 'incident.note_added'
  const data = given.data === undefined ? (creation?.data ?? { text: `note ${version}` }) : given.data
  return JSON.stringify(
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
}
