import type { Kysely } from 'kysely'
import {
  assertAppendable,
  assertReadAllOptions,
  assertReadStreamOptions,
  checkpointedSubscription,
  unstorableJson,
  followLog,
  openSubscriptions,
  type EventStore,
  type LogPosition,
  type ProjectionSnapshot,
  type ProjectionStateStore,
  type RecordedEvent,
  type Subscription,
} from '@incident-kit/core'
import { parseDatabaseUrl } from './database-url.js'
import type { HeldLock } from './held-lock.js'
import { createPostgresBackend } from './postgres/postgres-backend.js'
import { createProjectionStateStore, projectionStateQueries, saveProjectionSnapshot } from './query/projection-states.js'
import { createReadByCommand } from './query/read-by-command.js'
import { createReadStream } from './query/read-stream.js'
import { createCheckpointStore, saveSubscriberCheckpoint, subscriberCheckpointQueries, type SubscriberCheckpointStore } from './query/subscriber-checkpoints.js'
import { createSqliteBackend } from './sqlite/sqlite-backend.js'
import type { SqliteSynchronous } from './sqlite/open-sqlite.js'
import { cachedReadStream, DEFAULT_STREAM_CACHE_EVENTS } from './stream-cache.js'
import { emitProcessWarning, ignoringFailures, type StoreWarningHandler } from './store-warning.js'
import { handlerFailures, type HandlerFailures } from './subscriptions/handler-failures.js'
import { subscriptionRestartedWarning } from './subscriptions/restart-warning.js'
import { storeClosed } from './store-closed.js'
import { trackedLocks } from './tracked-locks.js'

export interface SqlEventStoreOptions {
  /** `sqlite:./incident-kit.db` (default), `sqlite::memory:`, or `postgres://...` */
  readonly url: string
  /** Postgres schema to use (created if missing); lets tests isolate themselves. Default: the URL's `?schema=`, else 'public'. */
  readonly schema?: string
  /**
   * Opens only a store that is there (for tools that only read): a SQLite file or a Postgres
   * schema that holds the store's tables. Otherwise it fails with `STORE_NOT_FOUND` and creates
   * or changes nothing (a SQLite file that holds something else is left byte for byte as it was).
   * `sqlite::memory:` always opens. False by default.
   */
  readonly existingOnly?: boolean
  /** How often an idle subscription looks for appends made by other processes; 250 ms by default. */
  readonly pollIntervalMs?: number
  /** SQLite: FULL (default) keeps acknowledged appends through power loss; NORMAL through process crashes only. */
  readonly sqliteSynchronous?: SqliteSynchronous
  /** SQLite: how long a writer waits for another process's write lock; 5000 ms by default. */
  readonly busyTimeoutMs?: number
  /** SQLite: how long a `tryLock` lease lasts without a heartbeat; 30 s by default. */
  readonly lockLeaseMs?: number
  /**
   * Postgres: connections in the pool; 10 by default. Transactions (exactly-once handlers,
   * `transact`) hold at most `poolSize - 1` of them at once, so reads through the store from inside
   * them always find a connection.
   */
  readonly poolSize?: number
  /**
   * Postgres: how long the store waits for the answer to a statement on its connections before it
   * takes the connection for broken (a network partition: the server stopped answering without
   * closing it); 60 s by default, 0 waits forever. The failure is an outage's: subscriptions
   * restart from their checkpoints; an append so failed may have been stored (a lost answer: retry
   * the same command). It bounds statements run through `tx.db` too.
   */
  readonly queryTimeoutMs?: number
  /**
   * How many events of recently read streams this process keeps, so that reading a stream again
   * fetches only the events appended since (reads stay as fresh as without it); 10,000 by default,
   * 0 turns it off. See docs/sql-store.md.
   */
  readonly streamCacheEvents?: number
  /**
   * Postgres: how long readers (`readAll`, subscriptions) may wait on events held back by an open
   * transaction before `onWarning` hears of it, then again after every such span while it lasts;
   * 30 s by default.
   */
  readonly heldBackWarningMs?: number
  /** Where the store's warnings go (`StoreWarning`); Node's `process.emitWarning` by default. */
  readonly onWarning?: StoreWarningHandler
}

/**
 * One database transaction, handed to an exactly-once subscriber or to `transact`. Write your read
 * model with `db` (a Kysely transaction on the store's database); the store saves the checkpoint
 * with the same commit.
 */
export interface SqlTransaction {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly db: Kysely<any>
  saveCheckpoint(subscriber: string, checkpoint: LogPosition): Promise<void>
  saveProjectionState<S>(snapshot: ProjectionSnapshot<S>): Promise<void>
}

export interface CheckpointedSubscribeOptions<H> {
  /** The subscriber's name: its checkpoint is stored under it. */
  readonly subscriber: string
  readonly handler: H
  readonly batchSize?: number
}

export type ExactlyOnceHandler = (events: readonly RecordedEvent[], tx: SqlTransaction) => Promise<void>
export type AtLeastOnceHandler = (events: readonly RecordedEvent[]) => Promise<void> | void

export interface SqlEventStore extends EventStore {
  readonly dialect: 'sqlite' | 'postgres'
  readonly checkpoints: SubscriberCheckpointStore
  readonly projectionStates: ProjectionStateStore
  /** A cross-process exclusive lock (Postgres: advisory lock on a held connection; SQLite: a lease row
   *  with expiry and heartbeat). Undefined when someone else holds it. Used so that only one bot
   *  replica runs a side-effect subscriber at a time; stop that work when the lock is `lost`.
   *  `close` releases every lock held, and waits for a `tryLock` still running: that one gives its
   *  lock back at once and resolves undefined. Rejects with `STORE_CLOSED` once `close` has begun. */
  tryLock(name: string): Promise<HeldLock | undefined>
  /**
   * Runs `work` in one write transaction of the store's database and commits when it resolves (rolls
   * back when it throws). On SQLite this process's other writes (appends, checkpoint and projection
   * state saves, locks) wait until it ends: keep it short. Write through `tx`, not through the store:
   * on SQLite a store write from inside `work` rejects with `NESTED_TRANSACTION` (it would wait for
   * the transaction forever); on Postgres it commits on its own connection, whatever becomes of `tx`.
   *
   * @example
   * await store.transact(async (tx) => {
   *   await tx.db.insertInto('my_view').values(row).execute()
   *   await tx.saveCheckpoint('my-view', checkpoint)
   * })
   */
  transact<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T>
  /**
   * Exactly-once delivery for a subscriber whose effects live in this database: each batch's handler
   * runs in a transaction that also saves the subscriber's checkpoint, so a crash either keeps both or
   * neither. Resumes from the stored checkpoint (the beginning on a first run), and again after a
   * database outage (a restart, a failover, a file locked too long), once the database answers.
   * The handler runs inside `transact`: the same rule holds for writing through the store from it.
   *
   * @example
   * store.subscribeExactlyOnce({
   *   subscriber: 'active-incidents',
   *   handler: async (events, tx) => { for (const e of events) await tx.db.insertInto('active').values(toRow(e)).execute() },
   * })
   */
  subscribeExactlyOnce(options: CheckpointedSubscribeOptions<ExactlyOnceHandler>): Subscription
  /**
   * At-least-once delivery for a subscriber with effects elsewhere (chat messages, webhooks): the
   * checkpoint is saved after the handler finishes, so a crash in between delivers that batch again.
   * Make the handler idempotent (for example by event id) and hold a `tryLock` so one replica runs it.
   * After a database outage it resumes from the stored checkpoint, once the database answers.
   *
   * @example
   * store.subscribeAtLeastOnce({ subscriber: 'notifier', handler: (events) => notify(events) })
   */
  subscribeAtLeastOnce(options: CheckpointedSubscribeOptions<AtLeastOnceHandler>): Subscription
}

const DEFAULT_POLL_INTERVAL_MS = 250
const DEFAULT_HELD_BACK_WARNING_MS = 30_000

const openBackend = (options: SqlEventStoreOptions, warn: StoreWarningHandler) => {
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS
  const target = parseDatabaseUrl(options.url)
  if (target.dialect === 'postgres') {
    const schema = options.schema ?? target.schema
    return createPostgresBackend({
      connectionString: target.connectionString,
      pollIntervalMs,
      heldBackWarningMs: options.heldBackWarningMs ?? DEFAULT_HELD_BACK_WARNING_MS,
      onWarning: warn,
      ...(schema === undefined ? {} : { schema }),
      ...(options.poolSize === undefined ? {} : { poolSize: options.poolSize }),
      ...(options.queryTimeoutMs === undefined ? {} : { queryTimeoutMs: options.queryTimeoutMs }),
      existingOnly: options.existingOnly ?? false,
    })
  }
  return createSqliteBackend({
    filename: target.filename,
    pollIntervalMs,
    existingOnly: options.existingOnly ?? false,
    ...(options.sqliteSynchronous === undefined ? {} : { synchronous: options.sqliteSynchronous }),
    ...(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }),
    ...(options.lockLeaseMs === undefined ? {} : { lockLeaseMs: options.lockLeaseMs }),
  })
}

/*
 * An id with text no append accepts (a NUL character, a lone surrogate) names nothing stored, and
 * Postgres would fail the query on it: such reads find nothing, as they do on SQLite and in memory.
 */
const noneForUnstorableId =
  <R, A extends unknown[]>(read: (id: string, ...rest: A) => Promise<readonly R[]>) =>
  (id: string, ...rest: A): Promise<readonly R[]> =>
    unstorableJson(id, '') === undefined ? read(id, ...rest) : Promise.resolve([])

/**
 * Opens (and migrates) the event store on SQLite or Postgres, chosen by the URL.
 *
 * @example
 * const store = await createSqlEventStore({ url: resolveDatabaseUrl(flags.database) })
 * const handler = createCommandHandler({ store, clock: systemClock, ids: uuidGenerator })
 */
export const createSqlEventStore = async (options: SqlEventStoreOptions): Promise<SqlEventStore> => {
  // One handler for every warning, made safe once: a handler that throws fails neither an open nor a subscription.
  const warn = ignoringFailures(options.onWarning ?? emitProcessWarning)
  const backend = await openBackend(options, warn)
  const { db, dialect, runner } = backend
  const checkpointQueries = subscriberCheckpointQueries(db)
  const stateQueries = projectionStateQueries(db)
  const checkpoints = createCheckpointStore(runner, checkpointQueries)
  const locks = trackedLocks(backend.tryLock)

  const transact = <T>(work: (tx: SqlTransaction) => Promise<T>) =>
    backend.transact((txRunner, txDb) =>
      work({
        db: txDb,
        saveCheckpoint: (subscriber, checkpoint) => saveSubscriberCheckpoint(txRunner, checkpointQueries, subscriber, checkpoint),
        saveProjectionState: (snapshot) => saveProjectionSnapshot(txRunner, stateQueries, snapshot),
      }),
    )

  const readStream = noneForUnstorableId(cachedReadStream(createReadStream(db, dialect, runner), options.streamCacheEvents ?? DEFAULT_STREAM_CACHE_EVENTS))
  const readAll: EventStore['readAll'] = async (readOptions) => {
    assertReadAllOptions(readOptions)
    return backend.readAll(readOptions.after, readOptions.limit)
  }

  const subscriptions = openSubscriptions()
  let closing = false
  // Whatever would open a connection, a lock or a subscription is refused from the start of `close`.
  const whileOpen = <A extends unknown[], R>(operation: string, work: (...args: A) => R) => (...args: A): R => {
    if (closing) throw storeClosed(operation)
    return work(...args)
  }
  // Read through the checked `readAll`: a `batchSize` it refuses stops the subscription, as in memory.
  const subscribe: EventStore['subscribe'] = (subscribeOptions) =>
    subscriptions.track(followLog({ ...subscribeOptions, readAll: (after, limit) => readAll({ after, limit }), waitForMore: backend.waitForMore }))

  // `deliver` runs the subscriber's handler through `failures.run`: only the store's own failures restart it.
  const followStored = (
    subscriber: string,
    batchSize: number | undefined,
    deliver: (failures: HandlerFailures, events: readonly RecordedEvent[], checkpoint: LogPosition) => Promise<void>,
  ) => {
    const failures = handlerFailures()
    return subscriptions.track(checkpointedSubscription({
      loadCheckpoint: () => checkpoints.load(subscriber),
      follow: (after, handler) => subscribe({ after, handler, ...(batchSize === undefined ? {} : { batchSize }) }),
      deliver: (events, checkpoint) => deliver(failures, events, checkpoint),
      isTransient: failures.isStoreOutage,
      onRestart: (error, retryInMs) => warn(subscriptionRestartedWarning(subscriber, error, retryInMs)),
    }))
  }

  return {
    dialect,
    checkpoints,
    projectionStates: createProjectionStateStore(runner, stateQueries),
    appendToStream: async (streamId, events, options) => {
      assertAppendable(streamId, events, options)
      const result = await backend.append(streamId, events, options)
      if (!result.duplicate && result.events.length > 0) backend.appended()
      return result
    },
    readStream: async (streamId, readOptions) => {
      assertReadStreamOptions(streamId, readOptions)
      return readStream(streamId, readOptions)
    },
    readAll,
    readByCommandId: noneForUnstorableId(createReadByCommand(db, dialect, runner)),
    subscribe: whileOpen('subscribe', subscribe),
    transact,
    subscribeExactlyOnce: whileOpen('subscribeExactlyOnce', ({ subscriber, handler, batchSize }: CheckpointedSubscribeOptions<ExactlyOnceHandler>) =>
      followStored(subscriber, batchSize, (failures, events, checkpoint) =>
        transact(async (tx) => {
          await failures.run(() => handler(events, tx))
          await tx.saveCheckpoint(subscriber, checkpoint)
        }),
      ),
    ),
    subscribeAtLeastOnce: whileOpen('subscribeAtLeastOnce', ({ subscriber, handler, batchSize }: CheckpointedSubscribeOptions<AtLeastOnceHandler>) =>
      followStored(subscriber, batchSize, async (failures, events, checkpoint) => {
        await failures.run(() => handler(events))
        await checkpoints.save(subscriber, checkpoint)
      }),
    ),
    tryLock: async (name) => {
      if (closing) throw storeClosed('tryLock')
      return locks.tryLock(name)
    },
    close: async () => {
      closing = true
      await subscriptions.closeAll()
      await locks.releaseAll()
      await backend.close()
    },
  }
}
