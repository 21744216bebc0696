import type { LogPosition } from '../events/envelope.js'

/** A projection's persisted state and the checkpoint it reflects. */
export interface ProjectionSnapshot<S = unknown> {
  readonly name: string
  /** The projection's code version: a different one means the state must be rebuilt. */
  readonly version: number
  readonly checkpoint: LogPosition
  readonly state: S
}

/**
 * Where a projection runner keeps its state and checkpoint between runs. Saving both in one write
 * is what makes a restart resume exactly where it stopped. `@incident-kit/adapter-sql` implements it
 * on SQLite and PostgreSQL; `createInMemoryProjectionStateStore` here.
 *
 * `load` returns a copy the caller owns (a runner folds into it in place), and `save` copies or
 * serialises the state before it resolves (the runner changes it again right after).
 */
export interface ProjectionStateStore {
  load<S>(name: string): Promise<ProjectionSnapshot<S> | undefined>
  save<S>(snapshot: ProjectionSnapshot<S>): Promise<void>
}

/** Where a side-effect subscriber (notifier, reminders) keeps the checkpoint it has delivered up to. */
export interface CheckpointStore {
  load(subscriber: string): Promise<LogPosition | undefined>
  save(subscriber: string, checkpoint: LogPosition): Promise<void>
}
