import { toDictionary } from '@incident-kit/core'
import type { Draft } from 'immer'
import type { IncidentReadModel } from './read-model.js'

/**
 * Turns the id-keyed maps of a plain copy of the model (a snapshot parsed from JSON, a structured
 * clone) back into dictionaries, in place, as a rebuild makes them (see `emptyDictionary`): the fold
 * looks ids from events up in them, and a plain object would answer `__proto__` with Object.prototype.
 *
 * @example
 * const model = JSON.parse(snapshotJson) as IncidentReadModel
 * restoreDictionaries(model as Draft<IncidentReadModel>)
 */
export const restoreDictionaries = (model: Draft<IncidentReadModel>): void => {
  model.incidents = toDictionary(model.incidents)
  model.playbooks = toDictionary(model.playbooks)
  for (const incident of Object.values(model.incidents)) {
    incident.items = toDictionary(incident.items)
    incident.metadata = toDictionary(incident.metadata)
  }
}
