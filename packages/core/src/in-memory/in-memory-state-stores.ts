import type { CheckpointStore, ProjectionSnapshot, ProjectionStateStore } from '../ports/projection-state-store.js'

/** Projection snapshots kept in memory (a structured clone each way, as a database would). */
export const createInMemoryProjectionStateStore = (): ProjectionStateStore => {
  const snapshots = new Map<string, ProjectionSnapshot>()
  return {
    load: async <S>(name: string) => {
      const snapshot = snapshots.get(name)
      return snapshot ? (structuredClone(snapshot) as ProjectionSnapshot<S>) : undefined
    },
    save: async (snapshot) => {
      snapshots.set(snapshot.name, structuredClone(snapshot))
    },
  }
}

/** Subscriber checkpoints kept in memory. */
export const createInMemoryCheckpointStore = (): CheckpointStore => {
  const checkpoints = new Map<string, string>()
  return {
    load: async (subscriber) => checkpoints.get(subscriber),
    save: async (subscriber, checkpoint) => {
      checkpoints.set(subscriber, checkpoint)
    },
  }
}
