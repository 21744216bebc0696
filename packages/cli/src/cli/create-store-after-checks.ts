import * as E from 'fp-ts/lib/Either.js'
import { isIncidentKitError, type EventStore } from '@incident-kit/core'
import type { OpenStoreOptions } from './open-store.js'

/** `openSqlStore` keeps adapter-sql's error as the cause of its own. */
const holdsNoStore = async (error: unknown) => {
  const { STORE_NOT_FOUND } = await import('@incident-kit/adapter-sql')
  return isIncidentKitError(error, STORE_NOT_FOUND) || (error instanceof Error && isIncidentKitError(error.cause, STORE_NOT_FOUND))
}

/**
 * How `withStoreCreatedAfterChecks` reaches the target database and what it runs there: the stand-in
 * (`C`) need offer only what the checks use, the real store (`S`) more (a copy's bot lock).
 */
export interface StoreCreatedAfterChecksOptions<C extends EventStore, S extends C, L, R> {
  /** Opens the target's store; `mustExist` is passed to learn whether it holds one yet. */
  readonly open: (options: OpenStoreOptions) => Promise<S>
  /** An empty store in memory, standing in for the database that holds no store yet. */
  readonly emptyStandIn: () => C
  /** The write's checks, run on the stand-in: a write that passes them there writes into it, which is thrown away. */
  readonly check: (store: C) => Promise<E.Either<L, unknown>>
  /**
   * The write itself (an import, a copy), which checks again before writing anything. `checked`
   * says whether the checks ran on the stand-in first (the target held no store): then the write's
   * own are quick, against a store that is still empty.
   */
  readonly write: (store: S, run: { readonly checked: boolean }) => Promise<E.Either<L, R>>
}

/**
 * Runs a write that refuses (a `Left`) before writing anything, on a target database that may hold
 * no store yet, so that a refusal creates nothing there: no SQLite file, no PostgreSQL schema. A
 * target without a store is first stood in for by an empty store in memory: every check made
 * against it is the check against the new database. Only when they pass is the store created and
 * the write run on it (checking again: another process may have created it meanwhile). A target
 * that holds a store is simply written to. The store is closed afterwards, also when the write throws.
 *
 * @example
 * const imported = await withStoreCreatedAfterChecks({
 *   open: (options) => openSqlStore(url, options),
 *   emptyStandIn: () => createInMemoryEventStore(),
 *   check: (store) => importEventLog(store, lines),
 *   write: (store) => importEventLog(store, lines, { onProgress }),
 * })
 */
export const withStoreCreatedAfterChecks = async <C extends EventStore, S extends C, L, R>({
  open,
  emptyStandIn,
  check,
  write,
}: StoreCreatedAfterChecksOptions<C, S, L, R>): Promise<E.Either<L, R>> => {
  let store: S
  let checked = false
  try {
    store = await open({ mustExist: true })
  } catch (error) {
    if (!(await holdsNoStore(error))) throw error
    const standIn = emptyStandIn()
    const onStandIn = await check(standIn).finally(() => standIn.close())
    if (E.isLeft(onStandIn)) return onStandIn
    checked = true
    store = await open({})
  }
  try {
    return await write(store, { checked })
  } finally {
    await store.close()
  }
}
