import type { Draft } from 'immer'
import { readLogPages, type EventStore, type LogPosition } from '@incident-kit/core'
import { foldInto, privateInit, restored, type EventDecoder, type Projection } from './projection.js'

export const DEFAULT_RUNNER_BATCH_SIZE = 2000

export interface CatchUpStateOptions<S> {
  readonly store: Pick<EventStore, 'readAll'>
  readonly projection: Projection<S>
  /**
   * Where to continue from: the projection's `init` (copied first), or a state of the caller's own
   * that nothing else holds, such as one just loaded from a `ProjectionStateStore`: that one is
   * changed in place (`projection.restore` first, as a snapshot comes back as plain JSON).
   */
  readonly from: { readonly state: S; readonly checkpoint: LogPosition }
  /** Events per read; `DEFAULT_RUNNER_BATCH_SIZE` by default. */
  readonly batchSize?: number
  readonly decode?: EventDecoder
  /**
   * Awaited after each batch, before the next one changes the state (to save a snapshot: copy or
   * serialise the state there, never keep it).
   */
  readonly afterBatch?: (state: S, checkpoint: LogPosition) => Promise<void>
  /** Asked before each read; true ends the catch-up where it is. */
  readonly stopped?: () => boolean
}

export interface CatchUpStateResult<S> {
  readonly state: S
  readonly checkpoint: LogPosition
  readonly applied: number
  readonly skipped: number
  readonly batches: number
}

/**
 * Brings a state to the end of the log, page by page, into ONE private working copy mutated in
 * place, and hands it over at the end. Nobody sees the state in between, so no batch pays for
 * immutability: a `produce` per page would copy the whole incident map and let immer scan every
 * incident it touched (bench:projections measured such a catch-up about 20x slower than a fold).
 * Live batches after it go through `applyBatch`, which never changes a state it was given.
 *
 * @example
 * const { state, checkpoint } = await catchUpState({ store, projection: incidentReadModelProjection, from: { state: emptyReadModel, checkpoint: START } })
 */
export const catchUpState = async <S>(options: CatchUpStateOptions<S>): Promise<CatchUpStateResult<S>> => {
  const { store, projection, from } = options
  const state = from.state === projection.init ? privateInit(projection) : restored(projection, from.state)
  let checkpoint = from.checkpoint
  let totals = { applied: 0, skipped: 0, batches: 0 }
  if (options.stopped?.()) return { state, checkpoint, ...totals }
  for await (const page of readLogPages(store, { after: checkpoint, pageSize: options.batchSize ?? DEFAULT_RUNNER_BATCH_SIZE })) {
    // The state is a plain object here; `Draft<S>` only names what a recipe may do with it.
    const counts = foldInto(projection, state as Draft<S>, page.events, options.decode)
    checkpoint = page.checkpoint
    totals = { applied: totals.applied + counts.applied, skipped: totals.skipped + counts.skipped, batches: totals.batches + 1 }
    await options.afterBatch?.(state, checkpoint)
    if (options.stopped?.()) break
  }
  return { state, checkpoint, ...totals }
}
