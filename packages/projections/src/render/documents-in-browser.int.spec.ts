import * as E from 'fp-ts/lib/Either.js'
import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildReadModel } from '../model/build-read-model.js'
import { buildTeamReport } from '../report/team-report.js'
import { postmortemInput } from './postmortem-input.js'
import { renderPostmortemHtml } from './render-postmortem.js'
import { renderReportHtml } from './render-report.js'
import { securityIncidentLog } from './render-scenario.js'

const CHROMIUM = '/usr/bin/chromium'
const chromiumMissing = !existsSync(CHROMIUM) && process.env.INCIDENT_KIT_REQUIRE_CHROMIUM !== '1'
if (chromiumMissing) console.warn(`[projections] skipping the headless browser tests: ${CHROMIUM} is missing (apt-get install chromium)`)

const OUTPUT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-output')

describe.skipIf(chromiumMissing)('documents in headless Chromium', () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
    await mkdir(OUTPUT, { recursive: true })
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
  })

  /** Opens a file in a fresh page, recording console errors and any request leaving the file. */
  const open = async (name: string, html: string) => {
    const file = join(OUTPUT, `${name}.html`)
    await writeFile(file, html)
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } })
    const problems: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`)
    })
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) problems.push(`request: ${request.url()}`)
    })
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`)
      void dialog.dismiss()
    })
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' })
    return { page, problems }
  }

  const chartSizes = (page: Awaited<ReturnType<typeof open>>['page']) =>
    page.$$eval('figure.chart svg', (svgs) => svgs.map((svg) => ({ width: svg.getBoundingClientRect().width, height: svg.getBoundingClientRect().height, marks: svg.querySelectorAll('path[role="graphics-symbol"]').length })))

  it('shows the postmortem with its Gantt chart, no errors, and the attack as text', async () => {
    const model = buildReadModel(await securityIncidentLog())
    if (E.isLeft(model)) throw new Error(model.left.message)
    const input = postmortemInput(model.right, 'sec-1')
    if (input === undefined) throw new Error('sec-1 is missing')
    const { page, problems } = await open('postmortem-sec-1', await renderPostmortemHtml(input))
    const charts = await chartSizes(page)
    expect(charts).toHaveLength(1)
    expect(charts[0]?.width).toBeGreaterThan(0)
    expect(charts[0]?.height).toBeGreaterThan(0)
    expect(charts[0]?.marks).toBe(input.itemDurations.length)
    expect(await page.title()).toContain('<script>')
    expect(await page.locator('script, img').count()).toBe(0)
    expect(await page.locator('h1').innerText()).toContain(`<script>document.title='pwned'</script>`)
    await page.screenshot({ path: join(OUTPUT, 'postmortem-sec-1.png'), fullPage: true })
    expect(problems).toEqual([])
    await page.close()
  }, 60_000)

  it('shows the team report with its charts and no errors', async () => {
    const report = buildTeamReport(await securityIncidentLog(), {
      teamId: 'team-sec',
      period: { from: '2026-02-23T00:00:00.000Z', to: '2026-03-30T00:00:00.000Z' },
      now: '2026-03-30T00:00:00.000Z',
    })
    if (E.isLeft(report)) throw new Error(report.left.message)
    const { page, problems } = await open('report-team-sec', await renderReportHtml(report.right))
    const charts = await chartSizes(page)
    expect(charts.length).toBeGreaterThanOrEqual(2)
    for (const size of charts) {
      expect(size.width).toBeGreaterThan(0)
      expect(size.height).toBeGreaterThan(0)
      expect(size.marks).toBeGreaterThan(0)
    }
    await page.screenshot({ path: join(OUTPUT, 'report-team-sec.png'), fullPage: true })
    expect(problems).toEqual([])
    await page.close()
  }, 60_000)
})
