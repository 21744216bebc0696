import { applyReadModelEvent, recordSkippedEvent } from '../model/apply-event.js'
import { emptyReadModel, type IncidentReadModel } from '../model/read-model.js'
import { restoreDictionaries } from '../model/restore-dictionaries.js'
import type { Projection } from './projection.js'

/**
 * The projection behind every view of this package, for a `ProjectionRunner` (live, with a
 * checkpoint) or `buildReadModel` (a list of events in memory).
 *
 * @example
 * const runner = createProjectionRunner({ store, stateStore, projection: incidentReadModelProjection })
 */
export const incidentReadModelProjection: Projection<IncidentReadModel> = {
  name: 'incident-read-model',
  // 2: incidents record their status-update interval and last reminder (older snapshots rebuild).
  // 3: playbooks record the ids of their checklist's items.
  // 4: items record when they were skipped; playbooks each distinct checklist instead of every item id.
  // 5: running an item's slash command no longer moves its lastChangedAt/lastChangedBy.
  version: 5,
  init: emptyReadModel,
  apply: applyReadModelEvent,
  skip: recordSkippedEvent,
  restore: restoreDictionaries,
}
