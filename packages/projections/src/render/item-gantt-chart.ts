import type { TopLevelSpec } from 'vega-lite'
import type { ItemDuration } from '../views/item-durations.js'
import { inUnit, timeUnitFor, type TimeUnit } from './chart-scale.js'
import { largest } from '../report/extremes.js'
import { compareIds } from '../views/ordering.js'

/** What a bar of the item chart says about how the item ended. */
export const ITEM_OUTCOMES = ['Done', 'Done after being unchecked', 'Skipped', 'Not done'] as const
export type ItemOutcome = (typeof ITEM_OUTCOMES)[number]

const OUTCOME_COLORS: Readonly<Record<ItemOutcome, string>> = {
  Done: '#2563eb',
  'Done after being unchecked': '#f59e0b',
  Skipped: '#9ca3af',
  'Not done': '#dc2626',
}

/**
 * How an item ended.
 *
 * @example
 * itemOutcome({ ...item, state: 'checked', timesUnchecked: 1 }) // 'Done after being unchecked'
 */
export const itemOutcome = (item: ItemDuration): ItemOutcome =>
  item.state === 'checked'
    ? item.timesUnchecked > 0
      ? 'Done after being unchecked'
      : 'Done'
    : item.state === 'skipped'
      ? 'Skipped'
      : 'Not done'

/** Options of {@link itemGanttSpec}. */
export interface ItemGanttOptions {
  readonly startedAt: string
  /** Where bars of items never done end: the incident's end, or its last event while active. */
  readonly endAt: string
  readonly items: readonly ItemDuration[]
}

/**
 * A done item's bar ends when it was last checked, a skipped one's when it was skipped: not at its
 * last change, which a later assignment, rename, move or due date moves.
 */
const barEnd = (item: ItemDuration, end: number): number => {
  if (item.state === 'checked' && item.lastCompletedAt !== null) return Date.parse(item.lastCompletedAt)
  if (item.skippedAt !== null) return Date.parse(item.skippedAt)
  return end
}

/**
 * One label per title, each different (the chart's rows are keyed by label): a title seen before is
 * numbered, `A (2)`, `A (3)`, ..., the number bumped past any label already given, so that a
 * title that is itself `A (2)` does not share a row with the second `A`.
 */
const uniqueLabels = (titles: readonly string[]): string[] => {
  const used = new Set<string>()
  const nextNumber = new Map<string, number>()
  return titles.map((title) => {
    let number = nextNumber.get(title) ?? 1
    let label = number === 1 ? title : `${title} (${number})`
    while (used.has(label)) {
      number += 1
      label = `${title} (${number})`
    }
    nextNumber.set(title, number + 1)
    used.add(label)
    return label
  })
}

/** One bar of the item chart, in the chart's time unit from the incident's start. */
export interface ItemGanttRow {
  readonly label: string
  readonly from: number
  readonly to: number
  readonly outcome: ItemOutcome
}

/**
 * A Gantt chart of the checklist: one bar per item from when it was added to when it was (last)
 * done (or skipped), in the order the work happened. Items left open run to the end. Outcomes are coloured apart. Returns
 * the rows too, for a text version of the same chart.
 *
 * @example
 * const { spec } = itemGantt({ startedAt, endAt: detail.endedAt, items: itemDurations(model, id) })
 * const svg = await renderChartSvg(spec)
 */
export const itemGantt = (options: ItemGanttOptions): { rows: ItemGanttRow[]; unit: TimeUnit; spec: TopLevelSpec } => {
  const start = Date.parse(options.startedAt)
  const end = Math.max(Date.parse(options.endAt), start)
  const rows = [...options.items]
    .map((item) => ({
      item,
      from: Math.max(Date.parse(item.addedAt) - start, 0),
      to: barEnd(item, end) - start,
    }))
    .sort((a, b) => a.from - b.from || a.to - b.to || compareIds(a.item.itemId, b.item.itemId))
  const unit = timeUnitFor(largest(rows.map((row) => row.to), end - start))
  const labels = uniqueLabels(rows.map((row) => row.item.title))
  const values: ItemGanttRow[] = rows.map((row, index) => ({
    label: labels[index] as string,
    from: inUnit(row.from, unit),
    to: inUnit(Math.max(row.to, row.from), unit),
    outcome: itemOutcome(row.item),
  }))
  const spec: TopLevelSpec = {
    width: 560,
    height: { step: 22 },
    data: { values },
    mark: { type: 'bar', cornerRadius: 2, height: { band: 0.7 } },
    encoding: {
      y: { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelLimit: 360 } },
      x: { field: 'from', type: 'quantitative', title: `${unit.name} from the start`, scale: { zero: true } },
      x2: { field: 'to' },
      color: {
        field: 'outcome',
        type: 'nominal',
        title: null,
        legend: { labelLimit: 400 },
        scale: { domain: [...ITEM_OUTCOMES], range: ITEM_OUTCOMES.map((outcome) => OUTCOME_COLORS[outcome]) },
      },
    },
  }
  return { rows: values, unit, spec }
}
