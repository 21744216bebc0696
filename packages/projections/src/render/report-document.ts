import { lookup } from '@incident-kit/core'
import { describeMetricPair, TIME_TO_RESOLVE } from '../report/duration-metric.js'
import type { PeriodSummary } from '../report/period-summary.js'
import type { TeamReport } from '../report/team-report.js'
import { chart, facts, paragraph, table, type Block, type DocumentSection, type RenderDocument } from './document.js'
import { formatDuration, formatNumber, formatPercent, formatTimestamp, NOT_REACHED } from './format.js'
import { durationDistribution, incidentsPerWeekSpec } from './report-charts.js'
import { textBars } from './text-bars.js'

const metricResult = (summary: PeriodSummary, metricName: string) => summary.metrics.find((result) => result.metric.name === metricName)

/** The playbook's title, or its bare id: an own entry only (a report read back from JSON has a prototype again). */
const playbookName = (report: TeamReport, playbookId: string | null) =>
  playbookId === null ? 'none' : (lookup(report.playbookTitles, playbookId) ?? playbookId)

const overviewSection = (report: TeamReport): DocumentSection => {
  const { summary } = report
  const resolve = metricResult(summary, TIME_TO_RESOLVE)?.summary ?? null
  return {
    id: 'overview',
    title: 'Overview',
    blocks: [
      facts([
        { label: 'Incidents started', value: String(summary.started) },
        { label: 'Incidents ended', value: String(summary.ended) },
        { label: 'In progress at the end', value: String(summary.inProgress), tone: summary.inProgress > 0 ? 'warn' : 'good' },
        ...(resolve === null
          ? []
          : [
              { label: 'Median time to resolve', value: formatDuration(resolve.median) },
              { label: 'p90 time to resolve', value: formatDuration(resolve.p90) },
            ]),
        { label: 'Commander changes per incident', value: formatNumber(summary.commanderChanges.perIncident) },
      ]),
      paragraph(
        'Durations, commander changes and item statistics cover the incidents started in the period; ended and in progress count every incident of the team.',
        true,
      ),
    ],
  }
}

const change = (current: number | null, previous: number | null, format: (value: number | null) => string) => {
  if (current === null || previous === null) return NOT_REACHED
  const delta = current - previous
  if (delta === 0) return 'same'
  return `${delta > 0 ? '+' : '−'}${format(Math.abs(delta))}`
}

const recentSection = (report: TeamReport): DocumentSection | null => {
  if (report.recent === null) return null
  const { days, current, previous } = report.recent
  const count = (value: number | null) => (value === null ? NOT_REACHED : String(value))
  const rows: string[][] = [
    ['Incidents started', count(current.started), count(previous.started), change(current.started, previous.started, count)],
    ['Incidents ended', count(current.ended), count(previous.ended), change(current.ended, previous.ended, count)],
    ['In progress at the end', count(current.inProgress), count(previous.inProgress), change(current.inProgress, previous.inProgress, count)],
    ...current.metrics.map((result, index) => {
      const before = previous.metrics[index]?.summary.median ?? null
      return [`Median ${result.metric.name}`, formatDuration(result.summary.median), formatDuration(before), change(result.summary.median, before, formatDuration)]
    }),
    [
      'Commander changes per incident',
      formatNumber(current.commanderChanges.perIncident),
      formatNumber(previous.commanderChanges.perIncident),
      change(current.commanderChanges.perIncident, previous.commanderChanges.perIncident, formatNumber),
    ],
  ]
  return {
    id: 'recent',
    title: `Last ${days} days against the ${days} before`,
    blocks: [
      table({ headers: ['Measure', `Last ${days} days`, `The ${days} days before`, 'Change'], rows, numeric: [1, 2, 3], empty: '' }),
      paragraph(`Last ${days} days: ${formatTimestamp(current.period.from)} to ${formatTimestamp(current.period.to)}.`, true),
    ],
  }
}

const durationsSection = (report: TeamReport): DocumentSection => {
  const blocks: Block[] = [
    table({
      headers: ['Metric', 'Measured from → to', 'Incidents', 'Mean', 'Median', 'p90', 'Min', 'Max', 'Not reached'],
      rows: report.summary.metrics.map(({ metric, summary, missingPoint, negative }) => [
        metric.name,
        describeMetricPair(metric),
        String(summary.count),
        formatDuration(summary.mean),
        formatDuration(summary.median),
        formatDuration(summary.p90),
        formatDuration(summary.min),
        formatDuration(summary.max),
        negative === 0 ? String(missingPoint) : `${missingPoint} (+${negative} out of order)`,
      ]),
      numeric: [2, 3, 4, 5, 6, 7, 8],
      empty: 'No metric was asked for.',
    }),
  ]
  const resolve = metricResult(report.summary, TIME_TO_RESOLVE)
  const samples = report.incidents.flatMap((row) => {
    const ms = row.durations[TIME_TO_RESOLVE]
    return ms === null || ms === undefined || ms < 0 ? [] : [ms]
  })
  if (resolve !== undefined && samples.length > 0) {
    const { unit, bins, spec } = durationDistribution(samples, resolve.summary, TIME_TO_RESOLVE)
    blocks.push(
      chart({
        title: `Distribution of ${TIME_TO_RESOLVE} (${describeMetricPair(resolve.metric)})`,
        description: `Histogram of ${TIME_TO_RESOLVE} over ${samples.length} incidents, with the median and p90 marked.`,
        spec,
        // The same bins as the SVG, so the text stays a dozen lines however many incidents there are.
        textLines: textBars(bins.map((bin) => ({ label: `${bin.from}–${bin.to} ${unit.name}`, from: 0, to: bin.count, note: String(bin.count) }))),
      }),
    )
  }
  blocks.push(paragraph('Each metric names the pair of points it measures; "Not reached" counts incidents that had not reached one of them.', true))
  return { id: 'durations', title: 'Durations', blocks }
}

const weeklySection = (report: TeamReport): DocumentSection => ({
  id: 'per-week',
  title: 'Incidents per week',
  blocks: [
    chart({
      title: 'Incidents started and ended per week',
      description: `Bar chart of incidents started and ended in each of ${report.perWeek.length} weeks.`,
      spec: incidentsPerWeekSpec(report.perWeek),
      textLines: textBars(report.perWeek.map((week) => ({ label: week.weekStart, from: 0, to: week.started, note: `${week.started} started, ${week.ended} ended` }))),
    }),
  ],
})

const itemsSection = (report: TeamReport): DocumentSection => ({
  id: 'playbook-items',
  title: 'Playbook items',
  blocks: [
    table({
      headers: ['Playbook', 'Item', 'Incidents', 'Completed', 'Median to complete', 'p90 to complete', 'Skipped', 'Unchecked again'],
      rows: report.items.map((item) => [
        playbookName(report, item.playbookId),
        item.title,
        String(item.incidents),
        String(item.completed),
        formatDuration(item.completion.median),
        formatDuration(item.completion.p90),
        `${item.skipped} (${formatPercent(item.skippedRate)})`,
        `${item.uncheckedAgain} (${formatPercent(item.uncheckedAgainRate)})`,
      ]),
      numeric: [2, 3, 4, 5, 6, 7],
      empty: 'No incident of the period was started from a playbook.',
    }),
    paragraph('Items are matched by id across the incidents started from the same playbook; completion times run from the incident\'s start to the item\'s last check. Slowest median first.', true),
  ],
})

const incidentsSection = (report: TeamReport): DocumentSection => {
  const metrics = report.summary.metrics.map((result) => result.metric.name)
  return {
    id: 'incidents',
    title: 'Incidents started in the period',
    blocks: [
      table({
        headers: ['Incident', 'Started', 'Severity', 'Commander changes', ...metrics],
        rows: report.incidents.map((row) => [
          row.name,
          formatTimestamp(row.startedAt),
          row.severity ?? NOT_REACHED,
          String(row.commanderChanges),
          ...metrics.map((name) => formatDuration(row.durations[name] ?? null)),
        ]),
        numeric: Array.from({ length: metrics.length + 1 }, (_, index) => 3 + index),
        times: [1],
        empty: 'No incident was started in the period.',
      }),
      paragraph('"—" marks a point the incident had not reached by the end of the period.', true),
    ],
  }
}

/**
 * The aggregate report as a document: overview, the last 30 days against the 30 before, duration
 * metrics with the distribution of time to resolve, incidents per week, playbook items and the
 * incidents behind every number.
 *
 * @example
 * writeMarkdown(reportDocument(report))
 */
export const reportDocument = (report: TeamReport): RenderDocument => {
  const recent = recentSection(report)
  const scope = report.playbookId === null ? '' : `, playbook ${playbookName(report, report.playbookId)}`
  return {
    title: `Incident report: ${report.teamId}${scope}`,
    subtitle: `${formatTimestamp(report.period.from)} to ${formatTimestamp(report.period.to)} (end excluded)`,
    sections: [
      overviewSection(report),
      ...(recent === null ? [] : [recent]),
      durationsSection(report),
      weeklySection(report),
      itemsSection(report),
      incidentsSection(report),
    ],
    footer: `Computed from the event log as it stood at ${formatTimestamp(report.period.to)}. Weeks start on Monday, times in UTC.`,
  }
}
