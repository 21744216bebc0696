import type { TopLevelSpec } from 'vega-lite'

/**
 * Vega is loaded on the first chart, not with the package: the bot and the views import this
 * package too and should not pay for a charting library they never use.
 */
const loadVega = async () => {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')])
  return { vega, vegaLite }
}

/** The look shared by every chart: system fonts, quiet axes, the documents' palette. */
export const CHART_CONFIG = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  background: '#ffffff',
  padding: 8,
  view: { stroke: null },
  axis: {
    labelColor: '#374151',
    titleColor: '#111827',
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 600,
    gridColor: '#e5e7eb',
    domainColor: '#9ca3af',
    tickColor: '#9ca3af',
  },
  legend: { labelColor: '#374151', titleColor: '#111827', labelFontSize: 11, titleFontSize: 12, orient: 'bottom' },
  range: { category: ['#2563eb', '#f59e0b', '#dc2626', '#9ca3af', '#059669', '#7c3aed'] },
} as const

/** Options of {@link renderChartSvg}. */
export interface RenderChartOptions {
  /** Prefix of the SVG's element ids, so that several charts can share one page. */
  readonly idPrefix?: string
}

/**
 * Vega numbers clip paths and gradients with a counter global to the process, so the same chart
 * rendered twice would differ. Renames every id in order of appearance, with its references.
 */
const renumberIds = (svg: string, prefix: string): string => {
  const ids = new Map<string, string>()
  for (const match of svg.matchAll(/ id="([^"]+)"/g)) {
    const id = match[1] as string
    if (!ids.has(id)) ids.set(id, `${prefix}${ids.size + 1}`)
  }
  return svg
    .replace(/ id="([^"]+)"/g, (whole, id: string) => ` id="${ids.get(id) ?? id}"`)
    .replace(/url\(#([^)]+)\)/g, (whole, id: string) => `url(#${ids.get(id) ?? id})`)
}

/**
 * Renders a Vega-Lite spec to a static SVG string in Node, with no browser and no scripts. The
 * output depends on the spec only: vega measures text by estimate (no canvas), and the specs keep
 * times as plain numbers or labels so that no local time zone enters.
 *
 * Element ids are renumbered from `idPrefix` (default `chart-`) so that the bytes depend on the spec
 * alone. The namespace attributes are dropped because the SVG is inlined into HTML, where they are not
 * needed, and a page that works offline should not carry any URL.
 *
 * @example
 * const svg = await renderChartSvg({ data: { values: [{ x: 'a', y: 1 }] }, mark: 'bar',
 *   encoding: { x: { field: 'x', type: 'nominal' }, y: { field: 'y', type: 'quantitative' } } })
 */
export const renderChartSvg = async (spec: TopLevelSpec, options: RenderChartOptions = {}): Promise<string> => {
  const { vega, vegaLite } = await loadVega()
  const compiled = vegaLite.compile({ ...spec, config: { ...CHART_CONFIG, ...spec.config } } as TopLevelSpec).spec
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' })
  try {
    const svg = await view.toSVG()
    return renumberIds(svg.replace(/ xmlns(:xlink)?="[^"]*"/g, ''), options.idPrefix ?? 'chart-')
  } finally {
    view.finalize()
  }
}
