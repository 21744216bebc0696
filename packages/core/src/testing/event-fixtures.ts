import { randomUUID } from 'node:crypto'
import type { NewEventEnvelope, RecordedEvent } from '../events/envelope.js'

/** A valid `checklist.item_added`-style envelope with fresh ids, for store tests. */
export const newTestEvent = (overrides: Partial<NewEventEnvelope> = {}): NewEventEnvelope => ({
  id: randomUUID(),
  type: 'incident.note_added',
  data: { text: `note ${randomUUID()}` },
  occurredAt: '2026-01-01T00:00:00.000Z',
  actorId: 'user-1',
  commandId: randomUUID(),
  correlationId: randomUUID(),
  schemaVersion: 1,
  ...overrides,
})

/** A stored event as a store returns it (fixed ids and times), for decoding tests. */
export const recordedTestEvent = (type: string, data: unknown, schemaVersion = 1): RecordedEvent => ({
  id: 'e1',
  type,
  streamId: 'incident-i1',
  version: 7,
  occurredAt: '2026-03-01T09:00:00.000Z',
  recordedAt: '2026-03-01T09:00:01.000Z',
  actorId: 'alice',
  commandId: 'c1',
  correlationId: 'c1',
  schemaVersion,
  position: '7',
  data,
})

/** `count` events of one command (they share a `commandId`). */
export const newTestBatch = (count: number, overrides: Partial<NewEventEnvelope> = {}): NewEventEnvelope[] => {
  const commandId = overrides.commandId ?? randomUUID()
  return Array.from({ length: count }, () => newTestEvent({ ...overrides, commandId }))
}
