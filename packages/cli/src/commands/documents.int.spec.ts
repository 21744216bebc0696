import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXIT_OK, EXIT_USAGE } from '../cli/cli-errors.js'
import { DEMO_INCIDENT_ID, DEMO_TEAM_ID } from '../demo/demo-scenario.js'
import { tempWorkspace, type TempWorkspace } from '../testing/temp-workspace.js'
import { DEMO_POSTMORTEM_FILE } from './demo-action.js'

let first: TempWorkspace
let second: TempWorkspace
beforeAll(async () => {
  first = tempWorkspace()
  second = tempWorkspace()
  for (const ws of [first, second]) {
    await ws.run(['demo'])
    await ws.run(['playbooks', 'seed', '--team', 'other-team'])
    writeFileSync(join(ws.dir, 'log.jsonl'), (await ws.run(['export'])).stdout)
  }
})
afterAll(() => [first, second].forEach((ws) => ws.remove()))

describe('documents: postmortems and reports', () => {
  it('the demo writes the same postmortem HTML from two fresh databases', () => {
    const html = readFileSync(join(first.dir, DEMO_POSTMORTEM_FILE), 'utf8')
    expect(html).toMatch(/^<!DOCTYPE html>/)
    expect(html).toContain('Leaked cloud access key used from an unknown network')
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/)
    expect(readFileSync(join(second.dir, DEMO_POSTMORTEM_FILE), 'utf8')).toBe(html)
  })

  it('replay renders Markdown and HTML from the file alone, byte for byte the same each time', async () => {
    for (const format of ['markdown', 'html']) {
      const args = ['replay', 'log.jsonl', '--format', format, '--incident', DEMO_INCIDENT_ID]
      const a = await first.run(args)
      const b = await second.run(args)
      expect(a.code, a.stderr).toBe(EXIT_OK)
      expect(a.stdout).toContain('Leaked cloud access key used from an unknown network')
      expect(b.stdout).toBe(a.stdout)
    }
  })

  it('replay --at renders the incident as it stood then', async () => {
    const at = await first.run(['replay', 'log.jsonl', '--format', 'markdown', '--at', '2026-03-12T09:20:00Z'])
    const whole = await first.run(['replay', 'log.jsonl', '--format', 'markdown'])
    expect(at.stdout).toContain('Confirmed: the CI deploy key')
    expect(at.stdout).not.toContain('Resolved: no customer data touched')
    expect(whole.stdout).toContain('Resolved: no customer data touched')
  })

  it('replay --out writes one file per incident; HTML of several incidents on stdout is refused', async () => {
    const out = await first.run(['replay', 'log.jsonl', '--format', 'html', '--out', 'postmortems'])
    expect(out.code, out.stderr).toBe(EXIT_OK)
    expect(readdirSync(join(first.dir, 'postmortems'))).toEqual([`postmortem-${DEMO_INCIDENT_ID}.html`])
    writeFileSync(join(first.dir, 'two.jsonl'), twoIncidents(readFileSync(join(first.dir, 'log.jsonl'), 'utf8')))
    const refused = await first.run(['replay', 'two.jsonl', '--format', 'html'])
    expect(refused.code).toBe(EXIT_USAGE)
    expect(refused.stderr).toContain('--incident')
    const markdown = await first.run(['replay', 'two.jsonl', '--format', 'markdown'])
    expect(markdown.stdout.match(/^# Postmortem: /gm)).toHaveLength(2)
  })

  it('report counts the team incidents of the period, in every format', async () => {
    const period = ['--since', '2026-03-01', '--until', '2026-04-01']
    const json = await first.run(['report', '--team', DEMO_TEAM_ID, ...period, '--format', 'json'])
    expect(json.code, json.stderr).toBe(EXIT_OK)
    const report = JSON.parse(json.stdout) as { summary: { started: number; ended: number }; incidents: Array<{ incidentId: string }> }
    expect(report.incidents.map((i) => i.incidentId)).toEqual([DEMO_INCIDENT_ID])
    expect(report.summary).toMatchObject({ started: 1, ended: 1 })
    const before = JSON.parse((await first.run(['report', '--team', DEMO_TEAM_ID, '--since', '2026-01-01', '--until', '2026-03-01', '--format', 'json'])).stdout) as typeof report
    expect(before.incidents).toEqual([])
    const other = JSON.parse((await first.run(['report', '--team', 'other-team', ...period, '--format', 'json'])).stdout) as typeof report
    expect(other.incidents).toEqual([])
    const markdown = await first.run(['report', '--team', DEMO_TEAM_ID, ...period, '--format', 'markdown'])
    expect(markdown.stdout).toContain(`# Incident report: ${DEMO_TEAM_ID}`)
    const html = await first.run(['report', '--team', DEMO_TEAM_ID, ...period, '--format', 'html'])
    expect(html.stdout).toMatch(/^<!DOCTYPE html>/)
    expect((await first.run(['report', '--team', DEMO_TEAM_ID, '--since', '2026-04-01', '--until', '2026-03-01', '--format', 'json'])).code).toBe(EXIT_USAGE)
  })

  it('report measures the pairs a team defines with --metric', async () => {
    const period = ['--since', '2026-03-01', '--until', '2026-04-01']
    const metrics = ['--metric', 'time to contain=incident.started..mitigated', '--metric', 'detection lag=detected..acknowledged']
    const json = await first.run(['report', '--team', DEMO_TEAM_ID, ...period, ...metrics, '--format', 'json'])
    expect(json.code, json.stderr).toBe(EXIT_OK)
    const report = JSON.parse(json.stdout) as { incidents: Array<{ durations: Record<string, number | null> }> }
    // The expected durations come from the log itself.
    const log = (await first.run(['export'])).stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; time: string; data: { milestone?: string; at?: string } })
    const started = Date.parse(log.find((e) => e.type === 'incident.started')!.time)
    const milestone = (name: string) => Date.parse(log.find((e) => e.type === 'incident.milestone_set' && e.data.milestone === name)!.data.at!)
    expect(report.incidents[0]!.durations).toEqual({
      'time to contain': milestone('mitigated') - started,
      'detection lag': milestone('acknowledged') - milestone('detected'),
    })
    const bad = await first.run(['report', '--team', DEMO_TEAM_ID, '--metric', 'no pair here', '--format', 'json'])
    expect(bad.code).toBe(EXIT_USAGE)
    expect(bad.stderr).toContain('name=from..to')
  })
})

/** The demo log plus a copy of its incident under another id: a log with two incidents. */
const twoIncidents = (log: string) => {
  const lines = log.trim().split('\n')
  const copy = lines
    .map((line) => JSON.parse(line) as { subject: string; id: string; commandid: string; correlationid: string; data: { incidentId?: string } })
    .filter((event) => event.subject === `incident-${DEMO_INCIDENT_ID}`)
    .map((event) => ({
      ...event,
      id: `copy-${event.id}`,
      commandid: `copy-${event.commandid}`,
      correlationid: `copy-${event.correlationid}`,
      subject: 'incident-copy',
      data: event.data.incidentId ? { ...event.data, incidentId: 'copy' } : event.data,
    }))
  return [...lines, ...copy.map((event) => JSON.stringify(event))].join('\n')
}
