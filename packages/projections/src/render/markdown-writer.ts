import type { Block, RenderDocument, Table } from './document.js'
import { escapeMarkdown } from './escape.js'

const tableMarkdown = (value: Table): string[] => {
  if (value.rows.length === 0) return [`_${escapeMarkdown(value.empty)}_`]
  const numeric = new Set(value.numeric ?? [])
  const separator = value.headers.map((_, column) => (numeric.has(column) ? '---:' : '---'))
  const line = (cells: readonly string[]) => `| ${cells.map((cell) => escapeMarkdown(cell)).join(' | ')} |`
  return [line(value.headers), `| ${separator.join(' | ')} |`, ...value.rows.map(line)]
}

const blockMarkdown = (block: Block): string[] => {
  switch (block.kind) {
    case 'paragraph':
      return [block.muted ? `_${escapeMarkdown(block.text)}_` : escapeMarkdown(block.text, { startsLine: true })]
    case 'facts':
      return block.facts.map((fact) => `- **${escapeMarkdown(fact.label)}:** ${escapeMarkdown(fact.value)}`)
    case 'table':
      return tableMarkdown(block.table)
    case 'list':
      return block.items.map((item) => `- ${escapeMarkdown(item, { startsLine: true })}`)
    case 'chart':
      // Fenced text is shown verbatim, so only a fence inside it needs breaking up.
      return [
        `**${escapeMarkdown(block.chart.title)}**`,
        '',
        '```text',
        ...block.chart.textLines.map((line) => line.replace(/```/g, "'''")),
        '```',
      ]
  }
}

/**
 * Writes a document as CommonMark with GitHub tables. All text is escaped; the output depends on
 * the document only.
 *
 * @example
 * writeMarkdown(postmortemDocument(input)) // '# Postmortem: API down\n...'
 */
export const writeMarkdown = (document: RenderDocument): string => {
  const lines = [`# ${escapeMarkdown(document.title)}`, '', `_${escapeMarkdown(document.subtitle)}_`]
  for (const section of document.sections) {
    lines.push('', `## ${escapeMarkdown(section.title)}`)
    // A line at a time: spreading a table of ~100k rows into `push` would overflow the stack.
    for (const block of section.blocks) {
      lines.push('')
      for (const line of blockMarkdown(block)) lines.push(line)
    }
  }
  lines.push('', '---', '', `_${escapeMarkdown(document.footer)}_`, '')
  return lines.join('\n')
}
