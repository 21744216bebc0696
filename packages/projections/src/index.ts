/**
 * @incident-kit/projections: the read side. A projection runner that follows the log with a
 * checkpoint, the incident read model, and pure views over it: the side panel, incident detail,
 * past incidents, the postmortem timeline and item durations, each also as of a time or position.
 */

// The read model and how it is built.
export {
  MAX_SKIP_MESSAGES,
  emptyReadModel,
  type CommanderTerm,
  type IncidentReadModel,
  type IncidentRecord,
  type ItemRecord,
  type MilestoneRecord,
  type PlaybookRecord,
  type SectionRecord,
  type SkippedEvents,
  type StatusUpdateRecord,
  type TimelineRecord,
} from './model/read-model.js'
export { applyReadModelEvent, recordSkippedEvent } from './model/apply-event.js'
export {
  buildReadModel,
  cutLog,
  type AsOf,
  type AsOfError,
  type BuildReadModelOptions,
} from './model/build-read-model.js'

// Projections and the runner.
export { applyBatch, applyDecoded, type BatchResult, type EventDecoder, type Projection } from './runner/projection.js'
export { incidentReadModelProjection } from './runner/incident-read-model-projection.js'
export {
  DEFAULT_RUNNER_BATCH_SIZE,
  catchUpProjection,
  createProjectionRunner,
  resumePoint,
  type CatchUpOptions,
  type ProjectionRunner,
  type ProjectionRunnerOptions,
  type ProjectionRunnerStats,
} from './runner/projection-runner.js'

// Views.
export { activeIncidents } from './views/active-incidents.js'
export { checklistProgress, currentItems, type ChecklistProgress } from './views/checklist-progress.js'
export {
  channelRef,
  incidentSummary,
  type ChannelLinkOptions,
  type ChannelRef,
  type IncidentSummary,
} from './views/incident-summary.js'
export { incidentDetail, type IncidentDetail, type ItemDetail, type SectionDetail } from './views/incident-detail.js'
export {
  DEFAULT_PAGE_SIZE,
  pastIncidents,
  type PastIncident,
  type PastIncidentsFilters,
  type PastIncidentsPage,
} from './views/past-incidents.js'
export { timeline, type TimelineEntry, type TimelineOptions } from './views/timeline.js'
export { defaultMention, timelineText, type Mention, type TitledRecord } from './views/timeline-text.js'
export { titlesOverTime, type TitlesAtTheTime } from './views/titles-over-time.js'
export { itemDurations, type ItemDuration } from './views/item-durations.js'
export { compareIds, compareTimes, msBetween } from './views/ordering.js'

// Reports and documents (src/report, src/render)
