import { describe, expect, it } from 'vitest'
import { escapeHtml, escapeMarkdown } from './escape.js'
import { itemGantt } from './item-gantt-chart.js'
import { incidentsPerWeekSpec } from './report-charts.js'
import { renderChartSvg } from './svg-chart.js'

const weeks = [
  { weekStart: '2026-03-02', started: 3, ended: 1 },
  { weekStart: '2026-03-09', started: 0, ended: 2 },
]

describe('renderChartSvg', () => {
  it('gives the same bytes for the same spec, however many charts the process drew before', async () => {
    const first = await renderChartSvg(incidentsPerWeekSpec(weeks))
    await renderChartSvg(incidentsPerWeekSpec([...weeks].reverse()))
    expect(await renderChartSvg(incidentsPerWeekSpec(weeks))).toBe(first)
  })

  it('names its ids from the prefix and carries no URL but in-document references', async () => {
    const svg = await renderChartSvg(incidentsPerWeekSpec(weeks), { idPrefix: 'weekly-' })
    const ids = [...svg.matchAll(/ id="([^"]+)"/g)].map((match) => match[1])
    expect(ids.every((id) => id?.startsWith('weekly-'))).toBe(true)
    expect(svg).not.toMatch(/https?:|xmlns/)
    expect(svg.match(/aria-roledescription="bar"/g)).toHaveLength(weeks.length * 2)
  })

  it('escapes user text in labels', async () => {
    const item = { itemId: 'x', title: '<script>alert(1)</script>', sectionId: 's', state: 'open', assigneeId: null, addedAt: '2026-03-02T00:00:00.000Z', firstCompletedAt: null, lastCompletedAt: null, lastChangedAt: '2026-03-02T00:00:00.000Z', timesChecked: 0, timesUnchecked: 0, skipped: false, skippedAt: null, timesSkipped: 0, msFromStart: null, msFromAdded: null } as const
    const { spec, rows } = itemGantt({ startedAt: item.addedAt, endAt: '2026-03-02T01:00:00.000Z', items: [item] })
    expect(rows).toEqual([{ label: item.title, from: 0, to: 60, outcome: 'Not done' }])
    const svg = await renderChartSvg(spec)
    expect(svg).not.toContain('<script')
    expect(svg).toContain('&lt;script&gt;')
  })
})

describe('escaping', () => {
  it('leaves no markup in HTML', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;')
  })

  it('makes Markdown markup literal, line starts included', () => {
    expect(escapeMarkdown('# not a heading', { startsLine: true })).toBe('\\# not a heading')
    expect(escapeMarkdown('1. not a list', { startsLine: true })).toBe('1\\. not a list')
    expect(escapeMarkdown('0.5')).toBe('0.5')
    expect(escapeMarkdown('[link](javascript:x) *b* a|b\nnext')).toBe('\\[link\\](javascript:x) \\*b\\* a\\|b next')
    expect(escapeMarkdown('<img src=x>')).toBe('&lt;img src=x&gt;')
  })
})
