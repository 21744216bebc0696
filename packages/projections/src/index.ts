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
  type SectionShape,
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
  catchUpState,
  type CatchUpStateOptions,
  type CatchUpStateResult,
} from './runner/catch-up-state.js'
export {
  DEFAULT_SNAPSHOT_INTERVAL_MS,
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
  type PastIncidentsFilterError,
  type PastIncidentsFilters,
  type PastIncidentsPage,
} from './views/past-incidents.js'
export { timeline, type TimelineEntry, type TimelineOptions } from './views/timeline.js'
export { defaultMention, timelineText, type Mention } from './views/timeline-text.js'
export { titlesOverTime, type TitlesAtTheTime } from './views/titles-over-time.js'
export { itemDurations, type ItemDuration } from './views/item-durations.js'
export { compareIds, compareTimes, msBetween } from './views/ordering.js'

// Reports and documents (src/report, src/render)
export {
  DEFAULT_DURATION_METRICS,
  ENDED_POINT,
  FIRST_STATUS_UPDATE_POINT,
  STARTED_POINT,
  TIME_TO_RESOLVE,
  describeMetricPair,
  type DurationMetric,
  type MilestonePoint,
} from './report/duration-metric.js'
export { quantileOfSorted, summarizeDurations, type DurationSummary } from './report/duration-statistics.js'
export { measureMetric, metricDuration, pointTime, type MetricResult } from './report/duration-samples.js'
export {
  incidentFacts,
  reportFactsOf,
  type ActiveSpan,
  type IncidentFacts,
  type ItemFacts,
  type PlaybookFacts,
  type ReportFacts,
} from './report/incident-facts.js'
export {
  cohortOf,
  selectIncidents,
  summarizePeriod,
  type IncidentSelection,
  type PeriodSummary,
} from './report/period-summary.js'
export { playbookItemStatistics, type PlaybookItemStatistics } from './report/playbook-item-statistics.js'
export {
  precedingPeriods,
  startOfUtcWeek,
  type ReportOptionsError,
  type ReportPeriod,
} from './report/report-period.js'
export {
  DEFAULT_RECENT_DAYS,
  buildTeamReport,
  type ReportIncidentRow,
  type TeamReport,
  type TeamReportOptions,
} from './report/team-report.js'
export { teamReportStreams } from './report/team-report-streams.js'
export { weeklyCounts, type WeeklyCount } from './report/weekly-counts.js'
export { postmortemInput, type PostmortemInput, type PostmortemInputOptions } from './render/postmortem-input.js'
export { renderPostmortemHtml, renderPostmortemMarkdown } from './render/render-postmortem.js'
export { renderReportHtml, renderReportMarkdown } from './render/render-report.js'
export { postmortemDocument } from './render/postmortem-document.js'
export { reportDocument } from './render/report-document.js'
export type { Block, Chart, DocumentSection, Fact, RenderDocument, Table } from './render/document.js'
export { writeMarkdown } from './render/markdown-writer.js'
export { writeHtml } from './render/html-writer.js'
export { renderChartSvg, type RenderChartOptions } from './render/svg-chart.js'
export { itemGantt, itemOutcome, type ItemGanttOptions, type ItemGanttRow, type ItemOutcome } from './render/item-gantt-chart.js'
export { durationDistributionSpec, incidentsPerWeekSpec } from './render/report-charts.js'
export { escapeHtml, escapeMarkdown } from './render/escape.js'
export { formatDuration, formatOffset, formatTimestamp } from './render/format.js'
