import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInMemoryEventStore } from '@incident-kit/core'
import { DEMO_INCIDENT_ID, STARTER_PLAYBOOKS, demoSteps, exportEventLog, runDemoScenario } from '@incident-kit/cli'
import { afterAll, describe, expect, it } from 'vitest'
import { postmortemFromLog } from './replay-exported-log.js'

const dir = mkdtempSync(join(tmpdir(), 'ik-example-replay-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The playbook item checked last by `time` (of the day) in the demo: the slowest, all starting together. */
const lastPlaybookItemChecked = (time: string) => {
  const titles = new Map(STARTER_PLAYBOOKS.flatMap((p) => p.checklists.flatMap((s) => s.items.map((i) => [i.itemId, i.title] as const))))
  const checks = demoSteps('any').filter((s) => s.command.type === 'CheckItem' && s.at <= time)
  const itemIds = checks.map((s) => (s.command as { itemId: string }).itemId).filter((id) => titles.has(id))
  return titles.get(itemIds.at(-1) ?? '')
}

describe('example: replaying an exported log into a postmortem', () => {
  it('renders the postmortem of the file, also as of an earlier time', async () => {
    const store = createInMemoryEventStore()
    await runDemoScenario(store)
    const lines: string[] = []
    await exportEventLog(store, { write: (line) => void lines.push(line) })
    const file = join(dir, 'log.jsonl')
    writeFileSync(file, lines.join(''))

    const whole = await postmortemFromLog(file, DEMO_INCIDENT_ID)
    expect(whole.markdown).toMatch(/^# Postmortem: Leaked cloud access key/)
    expect(whole.markdown).toContain('**Status:** Ended')
    expect(whole.slowestItem).toBe(lastPlaybookItemChecked('23:59'))

    const early = await postmortemFromLog(file, DEMO_INCIDENT_ID, '2026-03-12T09:00:00Z')
    expect(early.markdown).toContain('**Status:** Active')
    expect(early.slowestItem).toBe(lastPlaybookItemChecked('09:00'))
    await expect(postmortemFromLog(file, 'nope')).rejects.toThrow('no incident nope')
  })
})
