import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { facts, list, paragraph, table, type RenderDocument } from './document.js'
import { writeHtml } from './html-writer.js'
import { writeMarkdown } from './markdown-writer.js'

/** A document whose every text is `text`: its markup must not depend on what the text is. */
const documentOf = (text: string, rows: number): RenderDocument => ({
  title: text,
  subtitle: text,
  sections: [
    {
      id: 'only',
      title: text,
      blocks: [
        paragraph(text),
        facts([{ label: text, value: text }]),
        list([text, text]),
        table({ headers: [text, 'b', 'c'], rows: Array.from({ length: rows }, () => [text, text, text]), numeric: [1], empty: text }),
      ],
    },
  ],
  footer: text,
})

/** The tags of a page with all text between them removed. */
const tagsOf = (html: string) => html.replace(/>[^<]*</g, '><')
/** Table lines with their unescaped pipes counted. */
const pipesPerTableLine = (markdown: string) =>
  markdown
    .split('\n')
    .filter((line) => line.startsWith('| '))
    .map((line) => line.replace(/\\\\/g, '').replace(/\\\|/g, '').split('|').length - 1)

const userText = fc.string({ unit: 'binary', maxLength: 40 })

describe('document writers', () => {
  it('give HTML whose tags do not depend on the text in it', async () => {
    await fc.assert(
      fc.asyncProperty(userText, fc.integer({ min: 0, max: 3 }), async (text, rows) => {
        expect(tagsOf(await writeHtml(documentOf(text, rows)))).toBe(tagsOf(await writeHtml(documentOf('x', rows))))
      }),
      { numRuns: 200 },
    )
  })

  it('give Markdown whose tables keep their columns and whose lines do not depend on the text', () => {
    fc.assert(
      fc.property(userText, fc.integer({ min: 1, max: 3 }), (text, rows) => {
        const markdown = writeMarkdown(documentOf(text, rows))
        expect(pipesPerTableLine(markdown)).toEqual(Array.from({ length: rows + 2 }, () => 4))
        expect(markdown.split('\n')).toHaveLength(writeMarkdown(documentOf('x', rows)).split('\n').length)
        expect(markdown).not.toMatch(/<(?!br)/)
      }),
      { numRuns: 200 },
    )
  })
})
