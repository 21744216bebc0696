import { createCommandHandler, systemClock, uuidGenerator, type CommandHandler, type RecordedEvent, type Subscription } from '@incident-kit/core'
import { createSqlEventStore, type HeldLock } from '@incident-kit/adapter-sql'

/** Where side effects land: a chat, a webhook. Posts carry the event id so a repeat can be detected. */
export interface ChatSink {
  hasPost(eventId: string): Promise<boolean>
  post(eventId: string, text: string, replica: string): Promise<void>
}

export interface ReplicaOptions {
  /** Both replicas use the same database (and schema). */
  readonly url: string
  readonly schema?: string
  readonly name: string
  readonly sink: ChatSink
  /** How often a follower tries to take the lead. */
  readonly leaderRetryMs?: number
}

export interface Replica {
  /** Commands are handled by every replica: the store's expected versions settle races. */
  readonly handler: CommandHandler
  isLeader(): boolean
  close(): Promise<void>
}

const LOCK = 'example/notifier'
const SUBSCRIBER = 'example-notifier'

/**
 * One bot replica: it handles commands, and only while it holds the lock does it run the side-effect
 * subscriber. Delivery is at least once (the checkpoint is saved after a batch), so the subscriber
 * asks the sink whether an event was posted already: together, every event is posted exactly once,
 * whichever replica leads and however often the lead moves.
 */
export const startReplica = async ({ url, schema, name, sink, leaderRetryMs = 100 }: ReplicaOptions): Promise<Replica> => {
  const store = await createSqlEventStore({ url, pollIntervalMs: 50, ...(schema ? { schema } : {}) })
  const handler = createCommandHandler({ store, clock: systemClock, ids: uuidGenerator })
  let lead: { lock: HeldLock; subscription: Subscription } | undefined

  const notify = async (events: readonly RecordedEvent[]) => {
    for (const event of events) {
      if (!(await sink.hasPost(event.id))) await sink.post(event.id, `${event.actorId}: ${event.type}`, name)
    }
  }
  const stopLeading = async () => {
    const stopping = lead
    lead = undefined
    await stopping?.subscription.close()
    await stopping?.lock.release()
  }
  const tryToLead = async () => {
    if (lead || closed) return
    const lock = await store.tryLock(LOCK)
    if (!lock) return
    const leading = { lock, subscription: store.subscribeAtLeastOnce({ subscriber: SUBSCRIBER, handler: notify }) }
    lead = leading
    // The database freed the lock (a restart, a failover): another replica may lead now, so stop.
    void lock.lost.then(() => (lead === leading ? stopLeading() : undefined))
  }
  let closed = false
  let attempt = tryToLead()
  await attempt
  const timer = setInterval(() => {
    attempt = tryToLead()
  }, leaderRetryMs)

  return {
    handler,
    isLeader: () => lead !== undefined,
    close: async () => {
      if (closed) return
      closed = true
      clearInterval(timer)
      await attempt
      await stopLeading()
      await store.close()
    },
  }
}
