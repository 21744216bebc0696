import { freeze, type Draft } from 'immer'
import type { EventData, PlaybookEvent } from '../events/catalogue.js'
import type { PlaybookState } from './playbook-state.js'

const applyContent = (draft: Draft<PlaybookState>, data: EventData<'playbook.updated'>) => {
  draft.title = data.title
  draft.checklists = data.checklists as Draft<PlaybookState['checklists']>
  draft.description = data.description ?? null
  draft.defaultSeverity = data.defaultSeverity ?? null
  draft.statusUpdateIntervalMinutes = data.statusUpdateIntervalMinutes ?? null
  draft.broadcastChannelIds = data.broadcastChannelIds ?? []
  draft.verbosity = data.verbosity ?? null
}

/** The immer recipe for playbook events. */
export const applyPlaybookEvent = (draft: Draft<PlaybookState>, event: PlaybookEvent): void => {
  draft.version += 1
  switch (event.type) {
    case 'playbook.created':
      draft.status = 'active'
      draft.playbookId = event.data.playbookId
      draft.teamId = event.data.teamId
      applyContent(draft, event.data)
      return
    case 'playbook.updated':
      applyContent(draft, event.data)
      return
    case 'playbook.archived':
      draft.status = 'archived'
      return
  }
}

/** Folds a playbook's events with the same recipe on a private copy (see `foldIncident`). */
export const foldPlaybook = (state: PlaybookState, events: Iterable<PlaybookEvent>): PlaybookState => {
  const draft = structuredClone(state) as Draft<PlaybookState>
  for (const event of events) applyPlaybookEvent(draft, event)
  return freeze(draft as PlaybookState, true)
}
