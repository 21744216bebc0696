import * as E from 'fp-ts/lib/Either.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildReadModel } from '../model/build-read-model.js'
import { formatDuration, formatTimestamp } from './format.js'
import { postmortemInput, type PostmortemInput } from './postmortem-input.js'
import { renderPostmortemHtml, renderPostmortemMarkdown } from './render-postmortem.js'
import { SECURITY_INCIDENT_START, securityIncidentLog, XSS_ATTEMPT } from './render-scenario.js'

const inputFor = async (incidentId: string, asOf?: string): Promise<PostmortemInput> => {
  const model = buildReadModel(await securityIncidentLog(), asOf === undefined ? {} : { asOf: { time: asOf } })
  if (E.isLeft(model)) throw new Error(model.left.message)
  const input = postmortemInput(model.right, incidentId)
  if (input === undefined) throw new Error(`${incidentId} is missing`)
  return input
}

describe('the postmortem', () => {
  let input: PostmortemInput
  let markdown: string
  let html: string
  beforeAll(async () => {
    input = await inputFor('sec-1')
    markdown = renderPostmortemMarkdown(input)
    html = await renderPostmortemHtml(input)
  })

  it('has every section in both formats', () => {
    for (const title of ['Summary', 'Key times and fields', 'Commander history', 'Status updates', 'Checklist outcome', 'Item durations', 'Timeline']) {
      expect(markdown).toContain(`\n## ${title}\n`)
      expect(html).toContain(`<h2>${title}</h2>`)
    }
  })

  it('shows values computed from the log', () => {
    const { detail } = input
    const duration = formatDuration(Date.parse(detail.endedAt!) - Date.parse(detail.startedAt))
    expect(markdown).toContain(`- **Duration:** ${duration}`)
    expect(markdown).toContain(`- **Checklist:** ${detail.progress.done} of ${detail.progress.total} done (${detail.progress.skipped} skipped)`)
    for (const update of detail.statusUpdates) expect(html).toContain(update.message)
    for (const term of detail.commanderHistory) expect(html).toContain(`<td>@${term.commanderId}</td>`)
    for (const entry of input.timeline) expect(html).toContain(formatTimestamp(entry.at))
    const slowest = input.itemDurations[0]!
    expect(html).toContain(`<td>${slowest.title}</td><td><span class="badge badge-done">Done</span></td><td class="number">${formatDuration(slowest.msFromStart)}</td>`)
    expect(markdown).toContain('| root\\_cause | Token committed in a test fixture |')
  })

  it('draws the Gantt chart as inline SVG with one bar per item, and as text bars in Markdown', () => {
    const bars = html.match(/aria-roledescription="bar"/g) ?? []
    expect(bars).toHaveLength(input.itemDurations.length)
    const textBlock = markdown.slice(markdown.indexOf('```text'), markdown.indexOf('```', markdown.indexOf('```text') + 3))
    expect(textBlock.split('\n').filter((line) => line.includes('│'))).toHaveLength(input.itemDurations.length)
  })

  it('is one offline file: no script, no external reference, a policy that forbids loading', () => {
    expect(html).not.toMatch(/<(script|link|img|iframe|object|embed)\b/i)
    expect(html).not.toMatch(/\s(src|href)="(?!#)|url\((?!#)/i)
    expect(html).not.toMatch(/https?:\/\/(?!evil\.example)/)
    expect(html).toContain(`content="default-src 'none'`)
  })

  it('keeps an attack in user text inert in HTML and Markdown', () => {
    expect(html).not.toContain(XSS_ATTEMPT)
    expect(html).toContain('&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;&lt;img src=&quot;https://evil.example/x.png&quot;')
    expect(markdown).not.toMatch(/<script|<img/)
    expect(markdown).toContain('&lt;script&gt;')
    expect(markdown).toContain('Audit CI secrets \\| \\*all\\* pipelines')
  })

  it('gives the same bytes for the same log', async () => {
    const again = await inputFor('sec-1')
    expect(renderPostmortemMarkdown(again)).toBe(markdown)
    expect(await renderPostmortemHtml(again)).toBe(html)
  })

  it('shows an incident as it stood at a time, still active', async () => {
    const early = await inputFor('sec-1', new Date(Date.parse(SECURITY_INCIDENT_START) + 20 * 60_000).toISOString())
    const text = renderPostmortemMarkdown(early)
    expect(text).toContain('- **Status:** Active')
    expect(text).toContain('- **Active for (so far):** 15 min')
    expect(text).not.toContain('Mitigated. No customer data accessed.')
  })
})
