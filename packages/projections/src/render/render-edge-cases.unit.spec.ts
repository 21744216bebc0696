import * as E from 'fp-ts/lib/Either.js'
import { afterEach, describe, expect, it } from 'vitest'
import { buildReadModel } from '../model/build-read-model.js'
import { buildTeamReport } from '../report/team-report.js'
import { postmortemInput } from './postmortem-input.js'
import { renderPostmortemHtml, renderPostmortemMarkdown } from './render-postmortem.js'
import { renderReportHtml, renderReportMarkdown } from './render-report.js'
import { securityIncidentLog } from './render-scenario.js'

const postmortemOf = async (incidentId: string) => {
  const model = buildReadModel(await securityIncidentLog())
  if (E.isLeft(model)) throw new Error(model.left.message)
  return postmortemInput(model.right, incidentId)
}

const originalTimeZone = process.env.TZ

describe('documents at the edges', () => {
  afterEach(() => {
    if (originalTimeZone === undefined) delete process.env.TZ
    else process.env.TZ = originalTimeZone
  })

  it('says plainly what an incident without checklist, updates or fields did not have', async () => {
    const input = await postmortemOf('ops-1')
    expect(input).toBeDefined()
    const markdown = renderPostmortemMarkdown(input!)
    expect(markdown).toContain('_The incident had no checklist items._')
    expect(markdown).toContain('_No status update was posted._')
    expect(markdown).toContain('_No custom fields were set._')
    const html = await renderPostmortemHtml(input!)
    expect(html).not.toContain('<figure')
  })

  it('renders a report of a period without incidents', async () => {
    const report = buildTeamReport(await securityIncidentLog(), {
      teamId: 'team-sec',
      period: { from: '2025-01-06T00:00:00.000Z', to: '2025-01-20T00:00:00.000Z' },
      now: '2025-01-20T00:00:00.000Z',
    })
    if (E.isLeft(report)) throw new Error(report.left.message)
    expect(renderReportMarkdown(report.right)).toContain('_No incident was started in the period._')
    const html = await renderReportHtml(report.right)
    expect(html.match(/<figure class="chart">/g)).toHaveLength(1)
    expect(html).toContain('No incident of the period was started from a playbook.')
  })

  it('gives the same bytes in any local time zone', async () => {
    const input = await postmortemOf('sec-1')
    process.env.TZ = 'UTC'
    const inUtc = await renderPostmortemHtml(input!)
    process.env.TZ = 'Pacific/Chatham'
    expect(await renderPostmortemHtml(input!)).toBe(inUtc)
    expect(new Date(0).getTimezoneOffset()).not.toBe(0)
  })
})
