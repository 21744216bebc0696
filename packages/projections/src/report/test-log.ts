import type { EventData, EventType, StoredEvent } from '@incident-kit/core'
import { incidentStreamId, playbookStreamId } from '@incident-kit/core'

/** `minutes` after `start`, as an ISO timestamp: test scenarios are written in minutes. */
export const minutesAfter = (start: string, minutes: number): string => new Date(Date.parse(start) + minutes * 60_000).toISOString()

/**
 * A log written by hand for report and rendering tests: each event gets the next version of its
 * stream, the next global position and ids derived from a counter, so the same script always
 * builds the same log.
 *
 * @example
 * const log = testLog()
 * log.incident('i1', 'incident.ended', {}, '2026-03-01T10:00:00.000Z')
 */
export const testLog = () => {
  const events: StoredEvent[] = []
  const versions = new Map<string, number>()
  const append = <K extends EventType>(streamId: string, type: K, data: EventData<K>, at: string, actorId: string) => {
    const version = (versions.get(streamId) ?? 0) + 1
    versions.set(streamId, version)
    const sequence = events.length + 1
    events.push({
      id: `event-${sequence}`,
      type,
      data,
      streamId,
      version,
      occurredAt: at,
      recordedAt: at,
      actorId,
      commandId: `command-${sequence}`,
      correlationId: `correlation-${sequence}`,
      schemaVersion: 1,
      position: String(sequence).padStart(12, '0'),
    } as StoredEvent)
  }
  return {
    events,
    incident: <K extends EventType>(incidentId: string, type: K, data: EventData<K>, at: string, actorId = 'alice') =>
      append(incidentStreamId(incidentId), type, data, at, actorId),
    playbook: <K extends EventType>(playbookId: string, type: K, data: EventData<K>, at: string, actorId = 'alice') =>
      append(playbookStreamId(playbookId), type, data, at, actorId),
  }
}
export type TestLog = ReturnType<typeof testLog>
