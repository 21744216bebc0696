/**
 * A separate OS process that appends to a shared store, for the multi-process tests. Started by
 * `forkAppendWorker`; reports each acknowledged append over IPC before going on, so a parent that
 * kills it knows exactly which appends were acknowledged.
 */
import { randomUUID } from 'node:crypto'
import { ANY, isConcurrencyError, type NewEventEnvelope } from '@incident-kit/core'
import { newTestBatch } from '@incident-kit/core/testing'
import { createSqlEventStore } from '../sql-event-store.js'
import type { WorkerAck, WorkerTask } from './fork-append-worker.js'

const task = JSON.parse(process.argv[2]!) as WorkerTask
const send = (message: WorkerAck | { done: true }) =>
  new Promise<void>((resolve, reject) => process.send!(message, (error: Error | null) => (error ? reject(error) : resolve())))

const eventsFor = (seq: number, size: number, commandId: string = randomUUID()): NewEventEnvelope[] =>
  newTestBatch(size, { commandId }).map((event, i) => ({ ...event, data: { worker: task.worker, seq, part: i } }))

const main = async () => {
  if (task.openAt !== undefined) await new Promise((resolve) => setTimeout(resolve, Math.max(0, task.openAt! - Date.now())))
  const store = await createSqlEventStore({ url: task.url, ...(task.schema ? { schema: task.schema } : {}) })
  for (let seq = 0; seq < task.appends; seq++) {
    const streamId = task.streams[(seq + task.worker) % task.streams.length]!
    const contested = task.contestedEvery > 0 && seq % task.contestedEvery === 0
    const commandId = contested ? `contested-${task.runId}-${seq}` : randomUUID()
    const events = eventsFor(seq, task.batchSize, commandId)
    // Half of the appends read the version and append with it exactly (retrying on conflict), as the
    // command handler does; the other half append with `any`.
    for (;;) {
      const exact = seq % 2 === 0
      const expectedVersion = exact ? (await store.readStream(streamId)).length : ANY
      try {
        const result = await store.appendToStream(streamId, events, { expectedVersion })
        await send({ worker: task.worker, seq, commandId, streamId, duplicate: result.duplicate, eventIds: result.events.map((e) => e.id) })
        break
      } catch (error) {
        if (!isConcurrencyError(error)) throw error
      }
    }
  }
  await store.close()
  await send({ done: true })
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
