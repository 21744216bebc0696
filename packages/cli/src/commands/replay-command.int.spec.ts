import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK } from '../cli/cli-errors.js'
import { DEMO_DAY, DEMO_INCIDENT_ID, demoSteps } from '../demo/demo-scenario.js'
import { MAX_REPORTED_ERRORS } from '../event-log/format-line-errors.js'
import type { ReplayDocument } from '../replay/replay-log.js'
import { logLine } from '../testing/log-lines.js'
import { tempWorkspace, type TempWorkspace } from '../testing/temp-workspace.js'

let ws: TempWorkspace
let log: Array<{ subject: string; time: string; type: string; data: Record<string, unknown> }>

beforeAll(async () => {
  ws = tempWorkspace()
  await ws.run(['demo'])
  const exported = (await ws.run(['export'])).stdout
  writeFileSync(join(ws.dir, 'log.jsonl'), exported)
  log = exported.trim().split('\n').map((line) => JSON.parse(line) as (typeof log)[number])
})
afterAll(() => ws.remove())

const replayAt = async (at: string) => {
  const run = await ws.run(['replay', 'log.jsonl', '--format', 'json', '--at', at])
  expect(run.code, run.stderr).toBe(EXIT_OK)
  return JSON.parse(run.stdout) as ReplayDocument
}

const steps = demoSteps('any')
const stepTime = (at: string) => `${DEMO_DAY}T${at}:00.000Z`
const commandsUpTo = (time: string, type: string, itemId?: string) =>
  steps.filter((s) => stepTime(s.at) <= time && s.command.type === type && (itemId === undefined || (s.command as { itemId?: string }).itemId === itemId))

describe('incident-kit replay', () => {
  it('renders every incident of the file as JSON without a database', async () => {
    const whole = await replayAt('2100-01-01T00:00:00Z')
    const plain = JSON.parse((await ws.run(['replay', 'log.jsonl', '--format', 'json'])).stdout) as ReplayDocument
    expect(plain.asOf).toBeNull()
    expect(plain.incidents).toEqual(whole.incidents)
    const [incident] = plain.incidents
    expect(incident?.status).toBe('ended')
    expect(incident?.timeline).toHaveLength(log.filter((e) => e.subject === `incident-${DEMO_INCIDENT_ID}`).length)
  })

  it('--at shows the incident as it stood at any minute of the demo', async () => {
    const minutes = fc.integer({ min: 8 * 60 + 52, max: 10 * 60 + 20 })
    await fc.assert(
      fc.asyncProperty(minutes, async (minute) => {
        const at = `${DEMO_DAY}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:30.000Z`
        const [incident] = (await replayAt(at)).incidents
        const incidentEvents = log.filter((e) => e.subject === `incident-${DEMO_INCIDENT_ID}` && e.time <= at)
        expect(incident?.timeline).toHaveLength(incidentEvents.length)
        expect(incident?.status).toBe(commandsUpTo(at, 'EndIncident').length > 0 ? 'ended' : 'active')
        const lastCommander = commandsUpTo(at, 'ChangeCommander').at(-1)
        expect(incident?.commanderId).toBe(lastCommander ? (lastCommander.command as { commanderId: string }).commanderId : 'alice')
        const logs = incident?.itemDurations.find((d) => d.itemId === 'infosec-evidence-3')
        const checks = commandsUpTo(at, 'CheckItem', 'infosec-evidence-3')
        expect(logs?.timesChecked).toBe(checks.length)
        expect(logs?.timesUnchecked).toBe(commandsUpTo(at, 'UncheckItem', 'infosec-evidence-3').length)
        expect(logs?.firstCompletedAt).toBe(checks[0] ? stepTime(checks[0].at) : null)
        expect(logs?.lastCompletedAt).toBe(checks.at(-1) ? stepTime(checks.at(-1)!.at) : null)
      }),
      { numRuns: 15 },
    )
  })

  it('before the incident started, and for an unknown incident, there is nothing to show', async () => {
    expect((await replayAt(`${DEMO_DAY}T08:00:00Z`)).incidents).toEqual([])
    const unknown = await ws.run(['replay', 'log.jsonl', '--format', 'json', '--incident', 'nope'])
    expect(unknown.code).toBe(EXIT_BAD_INPUT)
    expect(unknown.stderr).toContain('log.jsonl has no incident nope')
  })

  it.each([
    ['markdown', []],
    ['html', []],
    ['json', ['--out', 'none']],
  ])('says the log holds no incident, in %s %j, rather than writing nothing', async (format, out) => {
    const before = await ws.run(['replay', 'log.jsonl', '--format', format, '--at', `${DEMO_DAY}T08:00:00Z`, ...out])
    expect(before.code).toBe(EXIT_BAD_INPUT)
    expect(before.stderr).toBe(`incident-kit: log.jsonl holds no incident as of ${DEMO_DAY}T08:00:00.000Z\n`)
    writeFileSync(join(ws.dir, 'playbooks.jsonl'), log.filter((e) => e.subject.startsWith('playbook-')).map((e) => JSON.stringify(e)).join('\n'))
    const playbooksOnly = await ws.run(['replay', 'playbooks.jsonl', '--format', format, ...out])
    expect(playbooksOnly.code).toBe(EXIT_BAD_INPUT)
    expect(playbooksOnly.stderr).toBe('incident-kit: playbooks.jsonl holds no incident\n')
    expect(existsSync(join(ws.dir, 'none'))).toBe(false)
  })

  it('--out writes one file per incident, even for ids that differ only in characters a file name cannot hold', async () => {
    const ids = [DEMO_INCIDENT_ID, 'second/one', 'second_one']
    const incidentLines = log.filter((e) => e.subject === `incident-${DEMO_INCIDENT_ID}`) as Array<(typeof log)[number] & Record<string, unknown>>
    const renamed = (id: string) =>
      incidentLines.map((e) => ({
        ...e,
        id: `${id}:${String(e['id'])}`,
        commandid: `${id}:${String(e['commandid'])}`,
        correlationid: `${id}:${String(e['correlationid'])}`,
        subject: `incident-${id}`,
        data: e.type === 'incident.started' ? { ...e.data, incidentId: id } : e.data,
      }))
    writeFileSync(join(ws.dir, 'three.jsonl'), ids.flatMap(renamed).map((e) => JSON.stringify(e)).join('\n'))
    const run = await ws.run(['replay', 'three.jsonl', '--format', 'markdown', '--out', 'three'])
    expect(run.stderr).toBe('wrote 3 postmortems to three\n')
    expect(readdirSync(join(ws.dir, 'three')).sort()).toEqual([
      `postmortem-${DEMO_INCIDENT_ID}.md`,
      'postmortem-second_one.md',
      expect.stringMatching(/^postmortem-second_one~[0-9a-f]{12}\.md$/),
    ])
  })

  it('refuses an invalid file without saying "nothing was written": replay writes to no store', async () => {
    writeFileSync(join(ws.dir, 'broken.jsonl'), '{"not": "an event"')
    const run = await ws.run(['replay', 'broken.jsonl', '--format', 'json'])
    expect(run.code).toBe(EXIT_BAD_INPUT)
    expect(run.stderr).toMatch(/^incident-kit: broken\.jsonl is not a valid event log:\n {2}line 1: invalid JSON/)
  })

  it('refuses a file that is not valid UTF-8, naming the line, instead of replaying U+FFFD for its bytes', async () => {
    const text = readFileSync(join(ws.dir, 'log.jsonl'), 'utf8')
    const at = text.indexOf('"text":"') + '"text":"'.length
    const noteLine = text.slice(0, at).split('\n').length
    writeFileSync(join(ws.dir, 'latin1.jsonl'), Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from('caf\u00e9 ', 'latin1'), Buffer.from(text.slice(at))]))
    const run = await ws.run(['replay', 'latin1.jsonl', '--format', 'json'])
    expect(run.code).toBe(EXIT_BAD_INPUT)
    expect(run.stderr).toBe(`incident-kit: latin1.jsonl is not a valid event log:\n  line ${noteLine}: not valid UTF-8\n`)
  })

  it('refuses a log whose incident is started again: the replay would show it as new, its history gone', async () => {
    const started = log.find((e) => e.type === 'incident.started')! as (typeof log)[number] & Record<string, unknown>
    const versions = log.filter((e) => e.subject === started.subject).length
    const again = { ...started, id: 'again', commandid: 'again', correlationid: 'again', streamversion: versions + 1 }
    writeFileSync(join(ws.dir, 'restarted.jsonl'), [...log, again].map((e) => JSON.stringify(e)).join('\n'))
    const run = await ws.run(['replay', 'restarted.jsonl', '--format', 'json'])
    expect(run.code).toBe(EXIT_BAD_INPUT)
    expect(run.stderr).toBe(
      `incident-kit: restarted.jsonl is not a valid event log:\n  line ${log.length + 1}: incident.started at ${started.subject} version ${versions + 1}; a stream is created once, at version 1\n`,
    )
  })

  it('tells an --out it cannot write as output that cannot be written (exit 1), not as a bare EEXIST', async () => {
    const run = await ws.run(['replay', 'log.jsonl', '--format', 'markdown', '--out', 'log.jsonl'])
    expect(run.code).toBe(EXIT_FAILURE)
    expect(run.stderr).toMatch(/^incident-kit: cannot write the output: log\.jsonl is not a directory \(EEXIST: .*\)\n$/)
    writeFileSync(join(ws.dir, 'a-file'), '')
    const below = await ws.run(['replay', 'log.jsonl', '--format', 'markdown', '--out', 'a-file/postmortems'])
    expect(below.code).toBe(EXIT_FAILURE)
    expect(below.stderr).toMatch(/^incident-kit: cannot write the output: ENOTDIR: not a directory, mkdir '.*a-file\/postmortems'\n$/)
  })

  it('refuses a log that starts a stream in the middle', async () => {
    const tail = log.filter((e) => e.time >= `${DEMO_DAY}T09:30:00.000Z`)
    writeFileSync(join(ws.dir, 'tail.jsonl'), tail.map((e) => JSON.stringify(e)).join('\n'))
    const run = await ws.run(['replay', 'tail.jsonl', '--format', 'json'])
    expect(run.code).toBe(EXIT_BAD_INPUT)
    expect(run.stderr).toContain('tail.jsonl is not a valid event log:\n')
    expect(run.stderr).toMatch(/line 1: incident-demo-leaked-cloud-key starts at version \d+; a replay needs every stream from version 1/)
  })

  it(`lists at most ${MAX_REPORTED_ERRORS} streams that start in the middle, then how many more`, async () => {
    const streams = MAX_REPORTED_ERRORS + 3
    writeFileSync(join(ws.dir, 'tails.jsonl'), Array.from({ length: streams }, (_, n) => logLine({ streamId: `incident-${n}`, version: 2 })).join('\n'))
    const run = await ws.run(['replay', 'tails.jsonl', '--format', 'json'])
    expect(run.code).toBe(EXIT_BAD_INPUT)
    expect(run.stderr.match(/^ {2}line \d+: incident-\d+ starts at version 2; /gm)).toHaveLength(MAX_REPORTED_ERRORS)
    expect(run.stderr).toMatch(/\n {2}… and 3 more\n$/)
  })
})
