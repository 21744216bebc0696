import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { readWholeLog } from '@incident-kit/core'
import { createSqlEventStore, type SqlEventStoreOptions } from './sql-event-store.js'
import { forkAppendWorker, type WorkerAck, type WorkerTask } from './testing/fork-append-worker.js'
import { describePostgres, dropSchemas, POSTGRES_TEST_URL, temporaryDirectory, uniqueSchema } from './testing/test-databases.js'
import { expectConsistentLog } from './testing/verify-log.js'

const WORKERS = 4
const APPENDS_PER_WORKER = 25
const BATCH = 3
const CONTESTED_EVERY = 5

/** `WORKERS` append workers on one database; `task` says what each does. */
const forkWorkers = (options: SqlEventStoreOptions, task: Omit<WorkerTask, 'url' | 'schema' | 'worker'>) =>
  Array.from({ length: WORKERS }, (_, worker) =>
    forkAppendWorker({ url: options.url, ...(options.schema ? { schema: options.schema } : {}), worker, ...task }),
  )

/*
 * Four OS processes append to three shared streams, half with exact expected versions (retrying on
 * conflict) and half with `any`; every fifth append of every worker uses the same command id, so the
 * processes also race on idempotency.
 */
const concurrentWriters = (database: () => SqlEventStoreOptions) => {
  it('four processes appending to shared streams lose and duplicate nothing', { timeout: 120_000 }, async () => {
    const options = database()
    const setup = await createSqlEventStore(options)
    const runId = randomUUID()
    const streams = [0, 1, 2].map((i) => `incident-shared-${i}-${runId}`)
    const workers = forkWorkers(options, { runId, streams, appends: APPENDS_PER_WORKER, batchSize: BATCH, contestedEvery: CONTESTED_EVERY })
    const exits = await Promise.all(workers.map((w) => w.exited))
    expect(exits.map((e) => e.code)).toEqual(workers.map(() => 0))
    const acks: WorkerAck[] = workers.flatMap((w) => w.acks)
    expect(acks).toHaveLength(WORKERS * APPENDS_PER_WORKER)

    const log = await readWholeLog(setup)
    const { commands } = expectConsistentLog(log, acks, BATCH)
    const contested = [...new Set(acks.filter((a) => a.commandId.startsWith('contested-')).map((a) => a.commandId))]
    const own = acks.filter((a) => !a.commandId.startsWith('contested-'))
    expect(commands.size).toBe(own.length + contested.length)
    expect(log).toHaveLength((own.length + contested.length) * BATCH)
    for (const commandId of contested) {
      const racers = acks.filter((a) => a.commandId === commandId)
      expect(racers).toHaveLength(WORKERS)
      expect(racers.filter((a) => !a.duplicate)).toHaveLength(1)
      racers.forEach((a) => expect(a.eventIds).toEqual(racers[0]!.eventIds))
    }
    await setup.close()
  })

  it('a writer killed with SIGKILL mid-batch leaves whole batches, and every acknowledged append', { timeout: 120_000 }, async () => {
    const options = database()
    const setup = await createSqlEventStore(options)
    const runId = randomUUID()
    const bigBatch = 400
    const worker = forkAppendWorker({
      url: options.url,
      ...(options.schema ? { schema: options.schema } : {}),
      worker: 0,
      runId,
      streams: [`incident-killed-${runId}`, `incident-killed-b-${runId}`],
      appends: 10_000,
      batchSize: bigBatch,
      contestedEvery: 0,
    })
    await worker.acknowledged(3)
    worker.kill('SIGKILL')
    expect((await worker.exited).signal).toBe('SIGKILL')
    const log = await readWholeLog(setup)
    expectConsistentLog(log, worker.acks, bigBatch)
    expect(log.length).toBeGreaterThanOrEqual(worker.acks.length * bigBatch)
    // At most the batch in flight when the signal came can have committed without its acknowledgement.
    expect(log.length).toBeLessThanOrEqual((worker.acks.length + 1) * bigBatch)
    await setup.close()
  })

  it('four processes opening a new database at once all migrate it and append', { timeout: 120_000 }, async () => {
    const options = database()
    const runId = randomUUID()
    // Node and tsx take about a second to start; then all open the database in the same millisecond.
    const openAt = Date.now() + 4_000
    const workers = forkWorkers(options, { runId, streams: [`incident-first-open-${runId}`], appends: 2, batchSize: 1, contestedEvery: 0, openAt })
    const exits = await Promise.all(workers.map((w) => w.exited))
    expect(exits.map((e) => e.code)).toEqual(workers.map(() => 0))
    const store = await createSqlEventStore(options)
    expectConsistentLog(await readWholeLog(store), workers.flatMap((w) => w.acks), 1)
    expect(await readWholeLog(store)).toHaveLength(WORKERS * 2)
    await store.close()
  })
}

describe('SQLite file shared by processes', () => {
  const files = temporaryDirectory('processes')
  afterAll(() => files.cleanup())
  let n = 0
  concurrentWriters(() => ({ url: `sqlite:${files.file(`shared-${n++}.db`)}` }))
})

describePostgres('PostgreSQL shared by processes', () => {
  const schemas: string[] = []
  afterAll(() => dropSchemas(schemas))
  concurrentWriters(() => {
    const schema = uniqueSchema('processes')
    schemas.push(schema)
    return { url: POSTGRES_TEST_URL, schema }
  })
})
