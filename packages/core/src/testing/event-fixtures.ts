import { randomUUID } from 'node:crypto'
import type { NewEventEnvelope } from '../events/envelope.js'

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

/** `count` events of one command (they share a `commandId`). */
export const newTestBatch = (count: number, overrides: Partial<NewEventEnvelope> = {}): NewEventEnvelope[] => {
  const commandId = overrides.commandId ?? randomUUID()
  return Array.from({ length: count }, () => newTestEvent({ ...overrides, commandId }))
}
