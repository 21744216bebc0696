import { expect } from 'vitest'
import type { RecordedEvent } from '@incident-kit/core'
import type { WorkerAck } from './fork-append-worker.js'

/**
 * The invariants after concurrent or interrupted writers: no event twice, positions rising, versions
 * contiguous in every stream, each command's batch whole (all `batchSize` events or none), and every
 * acknowledged append stored with the ids it was acknowledged with.
 *
 * @example
 * expectConsistentLog(await readWholeLog(store), worker.acks, 3)
 */
export const expectConsistentLog = (log: readonly RecordedEvent[], acks: readonly WorkerAck[], batchSize: number) => {
  expect(new Set(log.map((e) => e.id)).size).toBe(log.length)
  const positions = log.map((e) => e.position)
  expect(positions).toEqual([...positions].sort())
  expect(new Set(positions).size).toBe(positions.length)

  const streams = new Map<string, number[]>()
  const commands = new Map<string, RecordedEvent[]>()
  for (const event of log) {
    streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event.version])
    commands.set(event.commandId, [...(commands.get(event.commandId) ?? []), event])
  }
  for (const versions of streams.values()) {
    expect([...versions].sort((a, b) => a - b)).toEqual(versions.map((_, i) => i + 1))
  }
  for (const events of commands.values()) expect(events).toHaveLength(batchSize)

  const byId = new Map(log.map((e) => [e.id, e]))
  for (const ack of acks) {
    expect(ack.eventIds).toHaveLength(batchSize)
    for (const id of ack.eventIds) expect(byId.get(id)?.commandId).toBe(ack.commandId)
  }
  return { streams, commands }
}
