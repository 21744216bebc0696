/** The open transaction that readers wait for. */
export interface BlockingTransaction {
  /** Its transaction id as `pg_stat_activity.backend_xid` shows it. */
  readonly xid: string
  /** Its session, when Postgres shows it to the store's user (its own sessions, or with `pg_read_all_stats`). */
  readonly pid: number | null
  readonly user: string | null
  readonly application: string | null
  /** `pg_stat_activity.state`, e.g. `idle in transaction`. */
  readonly state: string | null
  /** When the transaction began (the log's time format). */
  readonly startedAt: string | null
}

/**
 * `EVENTS_HELD_BACK` (Postgres): a transaction that has written and is still open holds back every
 * event committed after it began from `readAll` and subscriptions, for as long as it stays open.
 */
export interface EventsHeldBackWarning {
  readonly code: 'EVENTS_HELD_BACK'
  readonly message: string
  /** How long readers have waited so far. */
  readonly heldBackMs: number
  /** The transaction they wait for; `undefined` when the store could not look it up. */
  readonly blocker: BlockingTransaction | undefined
}

/**
 * `RESTORED_LOG_RENUMBERED` (Postgres): the store opened a database restored from a dump of another
 * cluster and gave its events this cluster's order (`repairRestoredLog`). Checkpoints
 * kept outside the store's tables name places of the old order and must be dropped.
 */
export interface RestoredLogRenumberedWarning {
  readonly code: 'RESTORED_LOG_RENUMBERED'
  readonly message: string
  /** How many events got a new position. */
  readonly events: number
}

/**
 * `SUBSCRIPTION_RESTARTED`: a checkpointed subscription (`subscribeExactlyOnce`,
 * `subscribeAtLeastOnce`) met a database outage and follows on from its stored checkpoint after a
 * pause; the batch in hand is delivered again. One warning per restart: a run of them means the
 * database stays unreachable.
 */
export interface SubscriptionRestartedWarning {
  readonly code: 'SUBSCRIPTION_RESTARTED'
  readonly message: string
  readonly subscriber: string
  /** The outage's error message, with the password of any URL in it hidden. */
  readonly error: string
  /** The pause before it follows on (100 ms at first, doubling up to 5 s while failures go on). */
  readonly retryInMs: number
}

/** Something an operator should act on that is not the error of any one call. */
export type StoreWarning = EventsHeldBackWarning | RestoredLogRenumberedWarning | SubscriptionRestartedWarning

export type StoreWarningHandler = (warning: StoreWarning) => void

/**
 * The default handler: Node's own warning channel, printed on stderr unless the process takes it
 * with `process.on('warning')` or runs with `--no-warnings`.
 *
 * @example
 * emitProcessWarning(warning) // (node:4242) [EVENTS_HELD_BACK] Warning: readers of the event log have waited 31 s ...
 */
export const emitProcessWarning: StoreWarningHandler = (warning) => process.emitWarning(warning.message, { code: warning.code })

/**
 * `handler` made safe to call from the middle of the store's work: a warning is worth less than
 * the work that reports it (a subscription's restart, an open), so a handler that throws is ignored.
 *
 * @example
 * const warn = ignoringFailures(options.onWarning ?? emitProcessWarning)
 */
export const ignoringFailures = (handler: StoreWarningHandler): StoreWarningHandler => (warning) => {
  try {
    handler(warning)
  } catch {
    // Nothing better to tell of it to: the handler is where warnings go.
  }
}
