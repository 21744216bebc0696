import { describe, expect, it } from 'vitest'
import { createInMemoryCheckpointStore, createInMemoryEventStore, followLog, NO_STREAM, START, type EventStore } from '@incident-kit/core'
import { newTestBatch, newTestEvent } from '@incident-kit/core/testing'
import { createMattermostApi, MATTERMOST_RATE_LIMITED, MattermostRequestError, MattermostUnavailableError, silentLogger, type MattermostLogger } from '../../client/index.js'
import { MAX_SERVER_HINT_MS } from '../../client/retry-delay.js'
import { startCheckpointedDelivery, type CheckpointedDeliveryOptions } from './checkpointed-delivery.js'

const RETRY_AFTER_MS = 300

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const refusal = (status: number) => new MattermostRequestError(status, 'api.context.permissions.app_error', 'POST', '/api/v4/posts', `HTTP ${status}`)

/** A logger that keeps what was logged, level first. */
const recordingLogger = () => {
  const lines: Array<{ level: string; fields: Record<string, unknown>; message: string }> = []
  const at = (level: string) => (fields: object, message: string) => void lines.push({ level, fields: fields as Record<string, unknown>, message })
  const logger: MattermostLogger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
  return { logger, lines }
}

/**
 * Runs a delivery over `count` fresh events until `until` holds of the attempts (or 2 s pass),
 * then closes it: the attempts in order, each with its event's place in the batch.
 */
const deliverAll = async (
  count: number,
  deliver: (index: number, attempt: number) => void,
  until: (attempts: readonly number[]) => boolean,
  options: Partial<CheckpointedDeliveryOptions> = {},
) => {
  const store = createInMemoryEventStore()
  const batch = newTestBatch(count)
  await store.appendToStream('incident-1', batch, { expectedVersion: NO_STREAM })
  const attempts: number[] = []
  const delivery = startCheckpointedDelivery({
    name: 'test-delivery',
    store,
    checkpoints: createInMemoryCheckpointStore(),
    logger: silentLogger,
    retryMs: 5,
    maxRetryMs: 10,
    deliver: async (event) => {
      const index = batch.findIndex((e) => e.id === event.id)
      attempts.push(index)
      deliver(index, attempts.filter((i) => i === index).length)
    },
    ...options,
  })
  for (let tries = 0; tries < 400 && !until(attempts); tries++) await new Promise((resolve) => setTimeout(resolve, 5))
  await delivery.close()
  return { attempts, ids: batch.map((e) => e.id) }
}

describe('startCheckpointedDelivery', () => {
  it("retries a rate-limited delivery no sooner than Mattermost's Retry-After, then delivers it", async () => {
    const store = createInMemoryEventStore()
    await store.appendToStream('incident-1', newTestBatch(1), { expectedVersion: NO_STREAM })
    const attempts: Array<{ at: number; uncertain: boolean }> = []
    let done: () => void = () => undefined
    const delivered = new Promise<void>((resolve) => (done = resolve))
    const delivery = startCheckpointedDelivery({
      name: 'test-delivery',
      store,
      checkpoints: createInMemoryCheckpointStore(),
      logger: silentLogger,
      retryMs: 5,
      deliver: async (_event, attempt) => {
        attempts.push({ at: performance.now(), uncertain: attempt.uncertain })
        if (attempts.length === 1) throw new MattermostUnavailableError(MATTERMOST_RATE_LIMITED, 'too many requests', 3, RETRY_AFTER_MS)
        done()
      },
    })
    await delivered
    await delivery.close()
    expect(attempts).toHaveLength(2)
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(RETRY_AFTER_MS - 5)
    expect(attempts[1]!.uncertain).toBe(true)
  })

  it('after a huge Retry-After waits the capped time instead of retrying in a loop', async () => {
    const store = createInMemoryEventStore()
    await store.appendToStream('incident-1', newTestBatch(1), { expectedVersion: NO_STREAM })
    // Mattermost (or a proxy in front of it) asks for 3 000 000 s, ~35 days: past the 2^31 ms a
    // Node timer takes, beyond which it fires after 1 ms.
    const api = createMattermostApi({
      url: 'http://mm.test',
      token: 'token',
      random: () => 0,
      fetch: (async () => new Response('limit exceeded', { status: 429, headers: { 'Retry-After': '3000000' } })) as typeof fetch,
    })
    const { logger, lines } = recordingLogger()
    let attempts = 0
    const delivery = startCheckpointedDelivery({
      name: 'test-delivery',
      store,
      checkpoints: createInMemoryCheckpointStore(),
      logger,
      retryMs: 5,
      deliver: async () => {
        attempts += 1
        await api.createPost({ channelId: 'channel-1', message: 'status update' })
      },
    })
    const postponed = () => lines.filter((l) => l.message === 'delivery postponed')
    for (let tries = 0; tries < 200 && postponed().length === 0; tries++) await pause(5)
    // Room for dozens of retries, had the wait overflowed into a 1 ms timer; none is due for minutes.
    for (let tries = 0; tries < 10; tries++) await pause(5)
    await delivery.close()
    expect(postponed().map((l) => l.fields.retryInMs)).toEqual([MAX_SERVER_HINT_MS])
    expect(attempts).toBe(1)
  })

  it('starts again from its checkpoint when the database fails, delivering every event', async () => {
    const store = createInMemoryEventStore()
    const batch = newTestBatch(3)
    await store.appendToStream('incident-1', batch, { expectedVersion: NO_STREAM })
    let readFailures = 1
    let saveFailures = 1
    const failingStore: EventStore = {
      ...store,
      // The subscription reads through the store it was given: fail its first read of the log.
      subscribe: (options) =>
        followLog({
          ...options,
          readAll: async (after, limit) => {
            if (readFailures-- > 0) throw new Error('Connection terminated unexpectedly')
            return store.readAll({ after, limit })
          },
          waitForMore: (signal) => new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true })),
        }),
    }
    const checkpoints = createInMemoryCheckpointStore()
    const attempts: Array<{ id: string; uncertain: boolean }> = []
    const delivery = startCheckpointedDelivery({
      name: 'test-delivery',
      store: failingStore,
      checkpoints: {
        ...checkpoints,
        save: async (name, checkpoint) => {
          if (saveFailures-- > 0) throw new Error('SQLITE_BUSY: database is locked')
          await checkpoints.save(name, checkpoint)
        },
      },
      logger: silentLogger,
      retryMs: 5,
      deliver: async (event, attempt) => void attempts.push({ id: event.id, uncertain: attempt.uncertain }),
    })
    for (let tries = 0; tries < 200 && attempts.length < 4; tries++) await new Promise((resolve) => setTimeout(resolve, 5))
    await delivery.close()
    // The first event was delivered but its checkpoint not saved: it comes again, marked uncertain.
    expect(attempts).toEqual([
      { id: batch[0]!.id, uncertain: true },
      { id: batch[0]!.id, uncertain: true },
      { id: batch[1]!.id, uncertain: false },
      { id: batch[2]!.id, uncertain: false },
    ])
    expect(await checkpoints.load('test-delivery')).toBe((await store.readAll({ after: START, limit: 10 })).checkpoint)
  })

  it.each([
    ['a database error', new Error('Connection terminated unexpectedly')],
    ['a network error', new TypeError('fetch failed')],
    ['a 408 from Mattermost', refusal(408)],
  ])('retries an event after %s instead of passing it over', async (_, error) => {
    const { attempts } = await deliverAll(
      2,
      (index, attempt) => {
        if (index === 0 && attempt === 1) throw error
      },
      (attempts) => attempts.includes(1),
    )
    expect(attempts).toEqual([0, 0, 1])
  })

  it.each([400, 403, 404])('passes an event over at once when Mattermost refuses it for good (%i), naming it in an error line', async (status) => {
    const { logger, lines } = recordingLogger()
    const { attempts, ids } = await deliverAll(
      2,
      (index) => {
        if (index === 0) throw refusal(status)
      },
      (attempts) => attempts.includes(1),
      { logger },
    )
    expect(attempts).toEqual([0, 1])
    expect(lines.filter((l) => l.level === 'error')).toEqual([expect.objectContaining({ fields: expect.objectContaining({ eventId: ids[0] }) })])
  })

  it('passes over an event that keeps failing for no known reason only after `passOverAfterMs`, with an error line naming it', async () => {
    const { logger, lines } = recordingLogger()
    // Each failing attempt takes 30 ms of this clock: failures at 30, 60, 90 and 120 ms have lasted
    // 0 to 90 ms; the fifth, at 150 ms, has lasted 120 ms, past the 100 allowed.
    let clockMs = 0
    const { attempts, ids } = await deliverAll(
      2,
      (index) => {
        if (index !== 0) return
        clockMs += 30
        throw new TypeError("Cannot read properties of undefined (reading 'channelId')")
      },
      (attempts) => attempts.includes(1),
      { logger, passOverAfterMs: 100, now: () => clockMs },
    )
    expect(attempts).toEqual([0, 0, 0, 0, 0, 1])
    expect(lines.filter((l) => l.level === 'error')).toEqual([
      expect.objectContaining({ fields: expect.objectContaining({ eventId: ids[0], failingForMs: 120 }), message: 'delivery kept failing; event passed over' }),
    ])
  })

  it('passes over events this version cannot read with one warning each, naming the event, its type, schema version and the subscriber', async () => {
    const store = createInMemoryEventStore()
    const commandId = 'c1'
    const unknownType = newTestEvent({ type: 'incident.escalated', commandId })
    const newerSchema = newTestEvent({ schemaVersion: 99, commandId })
    const readable = newTestEvent({ commandId })
    await store.appendToStream('incident-1', [unknownType, newerSchema, readable], { expectedVersion: NO_STREAM })
    const { logger, lines } = recordingLogger()
    const checkpoints = createInMemoryCheckpointStore()
    let saveFailures = 1
    const delivered: string[] = []
    const delivery = startCheckpointedDelivery({
      name: 'test-delivery',
      store,
      // The first save fails: the unknown event is read again after the restart, and not logged again.
      checkpoints: {
        ...checkpoints,
        save: async (name, checkpoint) => {
          if (saveFailures-- > 0) throw new Error('SQLITE_BUSY: database is locked')
          await checkpoints.save(name, checkpoint)
        },
      },
      logger,
      retryMs: 5,
      deliver: async (event) => void delivered.push(event.id),
    })
    for (let tries = 0; tries < 200 && delivered.length === 0; tries++) await new Promise((resolve) => setTimeout(resolve, 5))
    await delivery.close()
    expect(delivered).toEqual([readable.id])
    expect(lines.filter((l) => l.message === 'event this version cannot read passed over').map((l) => l.fields)).toEqual([
      expect.objectContaining({ subscriber: 'test-delivery', eventId: unknownType.id, type: 'incident.escalated', schemaVersion: 1, reason: 'unknown_type' }),
      expect.objectContaining({ subscriber: 'test-delivery', eventId: newerSchema.id, type: 'incident.note_added', schemaVersion: 99, reason: 'unsupported_schema_version' }),
    ])
    expect(lines.filter((l) => l.message === 'event this version cannot read passed over').every((l) => l.level === 'warn')).toBe(true)
  })
})
