const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/**
 * Escapes text for HTML element content and quoted attribute values. All user text (incident
 * names, notes, item titles) goes through this before it reaches a page.
 *
 * @example
 * escapeHtml('<img src=x onerror=alert(1)>') // '&lt;img src=x onerror=alert(1)&gt;'
 */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] as string)

/** Characters that start Markdown markup anywhere in a line (GitHub's tables and strikethrough included). */
const MARKDOWN_INLINE = /[\\`*_[\]|~]/g
/** Markup that only counts at the start of a line: headings, lists, quotes, rules. */
const MARKDOWN_LINE_START = /^(\s*)([#>+=-]|\d+[.)])/

/**
 * Escapes text for inline Markdown: its markup characters become literal and HTML stays inert, so a
 * note cannot inject links, images or tags into a rendered postmortem. Line breaks become spaces,
 * which keeps tables and list items on one line. Text that starts a line (a paragraph, a list item)
 * also has a leading heading, list or quote marker escaped.
 *
 * @example
 * escapeMarkdown('roll *back* | <b>') // 'roll \\*back\\* \\| &lt;b&gt;'
 * escapeMarkdown('1. not a list', { startsLine: true }) // '1\\. not a list'
 */
export const escapeMarkdown = (text: string, options: { readonly startsLine?: boolean } = {}): string => {
  const inline = text
    .replace(/\r\n?|\n/g, ' ')
    .replace(MARKDOWN_INLINE, (char) => `\\${char}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
  return options.startsLine
    ? inline.replace(MARKDOWN_LINE_START, (_, space: string, marker: string) => `${space}${marker.slice(0, -1)}\\${marker.slice(-1)}`)
    : inline
}
