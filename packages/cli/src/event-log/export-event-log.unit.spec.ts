import { ANY, createInMemoryEventStore } from '@incident-kit/core'
import { newTestEvent } from '@incident-kit/core/testing'
import { describe, expect, it } from 'vitest'
import { exportEventLog, INVALID_EXPORT_FILTER } from './export-event-log.js'

const storeWithNotesAt = async (times: readonly string[]) => {
  const store = createInMemoryEventStore()
  for (const occurredAt of times) await store.appendToStream('incident-a', [newTestEvent({ occurredAt })], { expectedVersion: ANY })
  return store
}

const exportedTimes = async (store: Awaited<ReturnType<typeof storeWithNotesAt>>, since: string) => {
  const lines: string[] = []
  await exportEventLog(store, { since, write: (line) => void lines.push(line) })
  return lines.map((line) => (JSON.parse(line) as { time: string }).time)
}

describe('exportEventLog since', () => {
  it('keeps the events that happened at or after the time, reading a time without an offset as UTC', async () => {
    const store = await storeWithNotesAt(['2026-03-01T08:00:00.000Z', '2026-03-01T09:00:00.000Z', '2026-03-01T10:00:00.000Z'])
    expect(await exportedTimes(store, '2026-03-01T09:00')).toEqual(['2026-03-01T09:00:00.000Z', '2026-03-01T10:00:00.000Z'])
    expect(await exportedTimes(store, '2026-03-01T10:30+01:00')).toEqual(['2026-03-01T10:00:00.000Z'])
  })

  it('refuses text that is not a time instead of exporting nothing', async () => {
    const store = await storeWithNotesAt(['2026-03-01T08:00:00.000Z'])
    await expect(exportedTimes(store, 'last tuesday')).rejects.toMatchObject({ code: INVALID_EXPORT_FILTER, message: expect.stringContaining('last tuesday') })
  })
})
