import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { chromium } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { EXIT_OK } from '../cli/cli-errors.js'
import { tempWorkspace } from '../testing/temp-workspace.js'
import { DEMO_POSTMORTEM_FILE } from './demo-action.js'

const CHROMIUM = '/usr/bin/chromium'
const chromiumMissing = !existsSync(CHROMIUM) && process.env.INCIDENT_KIT_REQUIRE_CHROMIUM !== '1'
if (chromiumMissing) console.warn(`[cli] skipping the demo's headless browser test: ${CHROMIUM} is missing (apt-get install chromium)`)

const OUTPUT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-output')
const ws = tempWorkspace()
afterAll(() => ws.remove())

describe.skipIf(chromiumMissing)("the demo's postmortem in headless Chromium", () => {
  it('opens offline with no errors, shows the incident and its item chart, and leaves a screenshot', async () => {
    expect((await ws.run(['demo'])).code).toBe(EXIT_OK)
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] })
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } })
      const problems: string[] = []
      page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`))
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
      page.on('request', (request) => !request.url().startsWith('file:') && problems.push(`request: ${request.url()}`))
      await page.goto(pathToFileURL(join(ws.dir, DEMO_POSTMORTEM_FILE)).href, { waitUntil: 'load' })
      expect(await page.locator('h1').innerText()).toContain('Leaked cloud access key')
      expect(await page.locator('svg').count()).toBeGreaterThan(0)
      await mkdir(OUTPUT, { recursive: true })
      await page.screenshot({ path: join(OUTPUT, 'demo-postmortem.png'), fullPage: true })
      expect(problems).toEqual([])
    } finally {
      await browser.close()
    }
  })
})
