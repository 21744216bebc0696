import { largest } from '../report/extremes.js'

/** One bar of a text chart: a label and a span on a shared scale. */
export interface TextBar {
  readonly label: string
  readonly from: number
  readonly to: number
  /** Shown after the bar. */
  readonly note: string
}

const BAR_WIDTH = 40
const LABEL_WIDTH = 32

const fit = (text: string, width: number) =>
  text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width, ' ')

/**
 * Bars drawn with block characters for Markdown, where no image may be embedded: a Gantt chart
 * when `from` varies, a bar chart when every `from` is 0.
 *
 * @example
 * textBars([{ label: 'Triage', from: 0, to: 10, note: '10 min' }])
 * // ['Triage                           │████████████████████████████████████████│ 10 min']
 */
export const textBars = (bars: readonly TextBar[]): string[] => {
  const longest = largest(bars.map((bar) => bar.to), 0)
  const scale = longest === 0 ? 0 : BAR_WIDTH / longest
  return bars.map((bar) => {
    const start = Math.min(Math.round(bar.from * scale), BAR_WIDTH)
    const length = bar.to > bar.from ? Math.max(Math.round((bar.to - bar.from) * scale), 1) : 0
    const drawn = ' '.repeat(start) + '█'.repeat(Math.min(length, BAR_WIDTH - start))
    return `${fit(bar.label, LABEL_WIDTH)} │${drawn.padEnd(BAR_WIDTH, ' ')}│ ${bar.note}`
  })
}
