import { Immer, type Draft } from 'immer'
import { decodeEvent, type EventDecodeError, type RecordedEvent, type StoredEvent } from '@incident-kit/core'
import * as E from 'fp-ts/lib/Either.js'

/**
 * A projection: a named, versioned fold of the log into a state, written as an immer recipe.
 * Change `version` whenever `apply` would give a different state for the same events: runners then
 * rebuild it from the start of the log instead of trusting a stored snapshot.
 */
export interface Projection<S> {
  readonly name: string
  readonly version: number
  readonly init: S
  readonly apply: (draft: Draft<S>, event: StoredEvent) => void
  /** Told about an event that does not decode (a newer release's type, a corrupt record). */
  readonly skip?: (draft: Draft<S>, error: EventDecodeError, position: string) => void
  /**
   * Gives a plain copy of a state (a snapshot parsed from JSON, a structured clone of `init`), in
   * place, what `apply` relies on that such a copy loses, such as maps without a prototype. The
   * runner calls it before folding into such a copy.
   */
  readonly restore?: (state: Draft<S>) => void
}

export type EventDecoder = (raw: unknown) => E.Either<EventDecodeError, StoredEvent>

/** How a batch went besides the new state: how many events were skipped as undecodable. */
export interface BatchResult<S> {
  readonly state: S
  readonly applied: number
  readonly skipped: number
}

/**
 * Projection states are not frozen at run time (their types are readonly): freezing each of a
 * million timeline records costs almost half of a rebuild (bench:projections). Immer still never
 * changes a state it was given; it copies what a recipe touches.
 */
const projectionImmer = new Immer({ autoFreeze: false })

/**
 * Decodes events and applies them to `draft` as it is: an immer draft, or a plain state the caller
 * owns (a private copy nobody else holds). Events that do not decode go to `projection.skip`.
 */
export const foldInto = <S>(projection: Projection<S>, draft: Draft<S>, events: Iterable<RecordedEvent>, decode: EventDecoder = decodeEvent) => {
  let applied = 0
  let skipped = 0
  for (const raw of events) {
    const decoded = decode(raw)
    if (E.isRight(decoded)) {
      projection.apply(draft, decoded.right)
      applied += 1
    } else {
      projection.skip?.(draft, decoded.left, raw.position)
      skipped += 1
    }
  }
  return { applied, skipped }
}

/** A plain copy the caller owns, given back what copying loses (see `Projection.restore`). */
export const restored = <S>(projection: Projection<S>, copy: S): S => {
  projection.restore?.(copy as Draft<S>)
  return copy
}

/** A private, plain copy of the projection's `init` to fold into without proxies. */
export const privateInit = <S>(projection: Projection<S>): S => restored(projection, structuredClone(projection.init))

/**
 * Runs a recipe over a batch. On a state that shares nothing yet (the projection's `init`: a
 * rebuild), the recipe runs on a private deep copy without proxies, as the core's `foldIncident`
 * does: immer's finalisation of a tree built from nothing costs about as much as the fold itself.
 * On any other state it is ONE `produce` call for the whole batch, which copies only what the
 * batch touches. Never one `produce` per event.
 */
const runBatch = <S>(projection: Projection<S>, state: S, recipe: (draft: Draft<S>) => void): S => {
  if (state !== projection.init) return projectionImmer.produce(state, recipe)
  const draft = privateInit(projection) as Draft<S>
  recipe(draft)
  return draft as S
}

/**
 * Decodes a batch of recorded events and folds them in one pass (see `runBatch` above). Events that
 * do not decode are handed to `projection.skip` and counted, never thrown.
 *
 * @example
 * const { state } = applyBatch(incidentReadModelProjection, emptyReadModel, recordedEvents)
 */
export const applyBatch = <S>(
  projection: Projection<S>,
  state: S,
  events: Iterable<RecordedEvent>,
  decode: EventDecoder = decodeEvent,
): BatchResult<S> => {
  let counts = { applied: 0, skipped: 0 }
  const next = runBatch(projection, state, (draft) => {
    counts = foldInto(projection, draft, events, decode)
  })
  return { state: next, ...counts }
}

/**
 * Folds events that are decoded already (a log decoded once and folded many times, as time travel
 * does), in one pass like `applyBatch`.
 *
 * @example
 * const model = applyDecoded(incidentReadModelProjection, emptyReadModel, storedEvents)
 */
export const applyDecoded = <S>(projection: Projection<S>, state: S, events: Iterable<StoredEvent>): S =>
  runBatch(projection, state, (draft) => {
    for (const event of events) projection.apply(draft, event)
  })
