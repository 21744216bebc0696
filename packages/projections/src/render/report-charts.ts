import type { TopLevelSpec } from 'vega-lite'
import type { WeeklyCount } from '../report/weekly-counts.js'
import { inUnit, timeUnitFor, type TimeUnit } from './chart-scale.js'
import { largest } from '../report/extremes.js'

/** Axis options that keep a count axis on whole numbers (Vega-Lite has no minimum tick step). */
const countAxis = (highest: number) => ({ format: 'd', tickCount: Math.max(1, Math.min(highest, 5)) })

const MAX_BINS = 12
const NICE_STEPS = [1, 2, 5]

/** One bar of a histogram: the values in `[from, to)`, the last bin also holding its `to`. */
export interface HistogramBin {
  readonly from: number
  readonly to: number
  readonly count: number
}

/**
 * Equal bins over `[0, highest]` with a round width (1, 2 or 5 times a power of ten), at most
 * {@link MAX_BINS} of them; each value counted in the bin that holds it.
 *
 * @example
 * histogram([0.5, 1.5, 1.7], 1.7) // 9 bins of width 0.2; 0.5 is counted in { from: 0.4, to: 0.6 }
 */
export const histogram = (values: readonly number[], highest: number): HistogramBin[] => {
  const rough = Math.max(highest, Number.EPSILON) / MAX_BINS
  const power = 10 ** Math.floor(Math.log10(rough))
  const width = (NICE_STEPS.map((step) => step * power).find((step) => step >= rough) ?? 10 * power)
  const bins = Array.from({ length: Math.floor(highest / width) + 1 }, (_, index) => ({
    from: Math.round(index * width * 1e6) / 1e6,
    to: Math.round((index + 1) * width * 1e6) / 1e6,
    count: 0,
  }))
  for (const value of values) {
    const bin = bins[Math.min(Math.floor(value / width), bins.length - 1)]
    if (bin !== undefined) bin.count += 1
  }
  return bins
}

/**
 * Incidents started and ended per week, as grouped bars; quiet weeks show as gaps at zero.
 *
 * @example
 * const svg = await renderChartSvg(incidentsPerWeekSpec(report.perWeek))
 */
export const incidentsPerWeekSpec = (weeks: readonly WeeklyCount[]): TopLevelSpec => ({
  width: { step: Math.max(14, Math.min(36, Math.floor(560 / Math.max(weeks.length, 1) / 2))) },
  height: 200,
  data: {
    values: weeks.flatMap((week) => [
      { week: week.weekStart, series: 'Started', count: week.started },
      { week: week.weekStart, series: 'Ended', count: week.ended },
    ]),
  },
  mark: { type: 'bar', cornerRadiusEnd: 2 },
  encoding: {
    x: { field: 'week', type: 'ordinal', title: 'Week starting (Monday, UTC)', axis: { labelAngle: -45 } },
    xOffset: { field: 'series', sort: ['Started', 'Ended'] },
    y: { field: 'count', type: 'quantitative', title: 'Incidents', axis: countAxis(largest(weeks.map((week) => Math.max(week.started, week.ended)), 1)) },
    color: { field: 'series', type: 'nominal', title: null, sort: ['Started', 'Ended'], scale: { range: ['#2563eb', '#059669'] } },
  },
})

/** Where the median and p90 rules of a distribution go, in milliseconds. */
export interface DistributionMarks {
  readonly median: number | null
  readonly p90: number | null
}

/**
 * A histogram of durations (time to resolve by default) with the median and p90 marked. Bins are
 * computed here, so their edges are round numbers of the axis' unit; they come back with the spec
 * so that a text version of the chart counts the same bins.
 *
 * @example
 * const { unit, bins, spec } = durationDistribution(durations, { median, p90 }, 'time to resolve')
 * const svg = await renderChartSvg(spec)
 */
export const durationDistribution = (
  durations: readonly number[],
  marks: DistributionMarks,
  metricName: string,
): { unit: TimeUnit; bins: HistogramBin[]; spec: TopLevelSpec } => {
  const unit = timeUnitFor(largest(durations, 1))
  const values = durations.map((ms) => inUnit(ms, unit))
  const bins = histogram(values, largest(values))
  const rules = [
    ...(marks.median === null ? [] : [{ label: 'median', value: inUnit(marks.median, unit) }]),
    ...(marks.p90 === null ? [] : [{ label: 'p90', value: inUnit(marks.p90, unit) }]),
  ]
  const spec: TopLevelSpec = {
    width: 560,
    height: 200,
    layer: [
      {
        data: { values: bins.filter((bin) => bin.count > 0) },
        mark: { type: 'rect', color: '#2563eb', stroke: '#ffffff', strokeWidth: 1 },
        encoding: {
          x: { field: 'from', type: 'quantitative', title: `${metricName} (${unit.name})`, scale: { zero: true } },
          x2: { field: 'to' },
          y: { field: 'count', type: 'quantitative', title: 'Incidents', axis: countAxis(largest(bins.map((bin) => bin.count))) },
          y2: { datum: 0 },
        },
      },
      {
        data: { values: rules },
        mark: { type: 'rule', color: '#dc2626', strokeDash: [4, 3], strokeWidth: 1.5 },
        encoding: { x: { field: 'value', type: 'quantitative' } },
      },
      {
        data: { values: rules },
        mark: { type: 'text', color: '#dc2626', align: 'left', dx: 3, dy: -4, baseline: 'bottom', fontSize: 11 },
        encoding: { x: { field: 'value', type: 'quantitative' }, y: { value: 12 }, text: { field: 'label' } },
      },
    ],
  }
  return { unit, bins, spec }
}

/**
 * The spec of {@link durationDistribution} alone.
 *
 * @example
 * const svg = await renderChartSvg(durationDistributionSpec(durations, { median, p90 }, 'time to resolve'))
 */
export const durationDistributionSpec = (
  durations: readonly number[],
  marks: DistributionMarks,
  metricName: string,
): TopLevelSpec => durationDistribution(durations, marks, metricName).spec
