import { AsyncLocalStorage } from 'node:async_hooks'
import { IncidentKitError } from '@incident-kit/core'

/** A store write from inside the same store's open transaction, on SQLite (see `createWriteGate`). */
export const NESTED_TRANSACTION = 'NESTED_TRANSACTION'

/**
 * One writer at a time on the process's SQLite connection: appends, checkpoint and projection state
 * saves, lease locks and transactions. Appends are synchronous and finish within one tick, so they
 * only wait here while an asynchronous transaction (a subscriber writing its read model with its
 * checkpoint) holds the connection; across processes, `BEGIN IMMEDIATE` and the busy timeout
 * serialise writers.
 */
export interface WriteGate {
  readonly busy: boolean
  /** Runs `work` once the gate is free; rejects with `NESTED_TRANSACTION` when called from inside work it runs. */
  run<T>(work: () => Promise<T> | T): Promise<T>
}

const nestedWrite = () =>
  new IncidentKitError(
    NESTED_TRANSACTION,
    'cannot write to the store from inside its own transaction on SQLite: the transaction holds the ' +
      "process's one writing connection until its handler returns, so this write would wait for it forever. " +
      'Write through the `tx` the handler receives (tx.db, tx.saveCheckpoint, tx.saveProjectionState), ' +
      'or append after the transaction (or the exactly-once handler) has returned',
  )

/**
 * A gate that knows which work holds it: a call made from inside that work (an exactly-once handler
 * appending through the store) would wait for the work that waits for it, and is refused at once.
 *
 * @example
 * const gate = createWriteGate()
 * const result = gate.busy ? await gate.run(appendNow) : appendNow()
 */
export const createWriteGate = (): WriteGate => {
  let held = false
  const queue: Array<() => void> = []
  // Async calls begun inside a work inherit its scope; `open` turns false when the work ends, so a
  // call it left behind (a timer, an unawaited promise) waits like any other once it runs later.
  const holder = new AsyncLocalStorage<{ open: boolean }>()
  const release = () => {
    const next = queue.shift()
    if (next) next()
    else held = false
  }
  return {
    get busy() {
      return held
    },
    run: async (work) => {
      if (holder.getStore()?.open) throw nestedWrite()
      if (held) await new Promise<void>((resolve) => queue.push(resolve))
      held = true
      const scope = { open: true }
      try {
        return await holder.run(scope, work)
      } finally {
        scope.open = false
        release()
      }
    },
  }
}
