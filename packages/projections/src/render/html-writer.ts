import type { Block, Chart, Fact, RenderDocument, Table } from './document.js'
import { escapeHtml } from './escape.js'
import { DOCUMENT_CSS } from './html-style.js'
import { renderChartSvg } from './svg-chart.js'

/**
 * The page allows nothing to load or run: styles inline, images only as data, no scripts. A
 * postmortem opened from a mail attachment can neither phone home nor run injected code.
 */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

const factHtml = (fact: Fact) =>
  `<div class="${fact.tone ?? 'neutral'}"><dt>${escapeHtml(fact.label)}</dt><dd>${escapeHtml(fact.value)}</dd></div>`

/** `Done after being unchecked` → `done-after-being-unchecked`: a class name safe for any text. */
const badgeClass = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')

const tableHtml = (value: Table): string => {
  if (value.rows.length === 0) return `<p class="muted">${escapeHtml(value.empty)}</p>`
  const numeric = new Set(value.numeric ?? [])
  const times = new Set(value.times ?? [])
  const badges = new Set(value.badges ?? [])
  const classOf = (column: number) => (numeric.has(column) ? ' class="number"' : times.has(column) ? ' class="time"' : '')
  const content = (tag: 'th' | 'td', text: string, column: number) =>
    tag === 'td' && badges.has(column) ? `<span class="badge badge-${badgeClass(text)}">${escapeHtml(text)}</span>` : escapeHtml(text)
  const cell = (tag: 'th' | 'td', text: string, column: number) => `<${tag}${classOf(column)}>${content(tag, text, column)}</${tag}>`
  const head = value.headers.map((header, column) => cell('th', header, column)).join('')
  const body = value.rows.map((row) => `<tr>${row.map((text, column) => cell('td', text, column)).join('')}</tr>`).join('\n')
  return `<div class="table-wrap"><table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table></div>`
}

const chartHtml = async (value: Chart, idPrefix: string): Promise<string> => {
  const svg = await renderChartSvg(value.spec, { idPrefix })
  const labelled = svg.replace('<svg ', `<svg role="img" aria-label="${escapeHtml(value.description)}" `)
  return `<figure class="chart"><figcaption>${escapeHtml(value.title)}</figcaption><div class="plot">${labelled}</div></figure>`
}

const blockHtml = async (block: Block, idPrefix: string): Promise<string> => {
  switch (block.kind) {
    case 'paragraph':
      return `<p${block.muted ? ' class="muted"' : ''}>${escapeHtml(block.text)}</p>`
    case 'facts':
      return `<dl class="facts">${block.facts.map(factHtml).join('')}</dl>`
    case 'table':
      return tableHtml(block.table)
    case 'list':
      return `<ul>${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`
    case 'chart':
      return chartHtml(block.chart, idPrefix)
  }
}

/**
 * Writes a document as one self-contained HTML file: inline CSS, charts as inline SVG rendered
 * here (no scripts, no external URL), all text escaped. Same document, same bytes.
 *
 * @example
 * await writeFile('postmortem.html', await writeHtml(postmortemDocument(input)))
 */
export const writeHtml = async (document: RenderDocument): Promise<string> => {
  const sections: string[] = []
  for (const section of document.sections) {
    const blocks: string[] = []
    for (const block of section.blocks) blocks.push(await blockHtml(block, `${section.id}-${blocks.length + 1}-`))
    sections.push(`<section id="${escapeHtml(section.id)}">\n<h2>${escapeHtml(section.title)}</h2>\n${blocks.join('\n')}\n</section>`)
  }
  const contents = document.sections.map((section) => `<a href="#${escapeHtml(section.id)}">${escapeHtml(section.title)}</a>`).join('')
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(document.title)}</title>`,
    `<style>${DOCUMENT_CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<header class="document"><h1>${escapeHtml(document.title)}</h1><p>${escapeHtml(document.subtitle)}</p><nav class="contents">${contents}</nav></header>`,
    ...sections,
    `<footer class="document">${escapeHtml(document.footer)}</footer>`,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n')
}
