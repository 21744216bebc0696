import type { CheckpointStore, ProjectionSnapshot, ProjectionStateStore } from '../ports/projection-state-store.js'

/**
 * Projection snapshots kept in memory as JSON text, as the SQL store keeps them: a state that does
 * not survive `JSON.stringify` fails here as it would there, and each load is a fresh copy.
 */
export const createInMemoryProjectionStateStore = (): ProjectionStateStore => {
  const snapshots = new Map<string, string>()
  return {
    load: async <S>(name: string) => {
      const json = snapshots.get(name)
      return json === undefined ? undefined : (JSON.parse(json) as ProjectionSnapshot<S>)
    },
    save: async (snapshot) => {
      snapshots.set(snapshot.name, JSON.stringify(snapshot))
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
