import { writeHtml } from './html-writer.js'
import { writeMarkdown } from './markdown-writer.js'
import { postmortemDocument } from './postmortem-document.js'
import type { PostmortemInput } from './postmortem-input.js'

/**
 * An incident's postmortem as Markdown (charts as text bars). The same log gives the same bytes.
 *
 * @example
 * const input = postmortemInput(model, 'sec-1')
 * if (input) process.stdout.write(renderPostmortemMarkdown(input))
 */
export const renderPostmortemMarkdown = (input: PostmortemInput): string => writeMarkdown(postmortemDocument(input))

/**
 * An incident's postmortem as one self-contained HTML file that works offline: inline CSS, the
 * item Gantt chart as inline SVG, no scripts, no external URL. The same log gives the same bytes.
 *
 * @example
 * const input = postmortemInput(model, 'sec-1')
 * if (input) await writeFile('postmortem-sec-1.html', await renderPostmortemHtml(input))
 */
export const renderPostmortemHtml = (input: PostmortemInput): Promise<string> => writeHtml(postmortemDocument(input))
