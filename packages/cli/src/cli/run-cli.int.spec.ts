import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createInMemoryEventStore } from '@incident-kit/core'
import { EXIT_BAD_INPUT, EXIT_CONFIGURATION, EXIT_OK, EXIT_USAGE } from './cli-errors.js'
import { captureIo } from './cli-io.js'
import { runCli } from './run-cli.js'
import { tempWorkspace, type TempWorkspace } from '../testing/temp-workspace.js'
import { exportedLines } from '../testing/exported-lines.js'
import { STARTER_PLAYBOOKS } from '../playbooks/seed-playbooks.js'
import { DEMO_POSTMORTEM_FILE } from '../commands/demo-action.js'

let ws: TempWorkspace
beforeEach(() => {
  ws = tempWorkspace()
})
afterEach(() => ws.remove())

describe('incident-kit (runCli)', () => {
  it('prints help for the program and every command with exit 0', async () => {
    const top = await ws.run(['--help'])
    expect(top.code).toBe(EXIT_OK)
    expect(top.stdout).toContain('Exit codes:')
    for (const command of ['demo', 'export', 'import', 'copy', 'replay', 'report', 'mattermost', 'playbooks', 'playbooks seed']) {
      const help = await ws.run([...command.split(' '), '--help'])
      expect(help.code, command).toBe(EXIT_OK)
      expect(help.stdout, command).toContain(`Usage: incident-kit ${command}`)
    }
  })

  it('exits 2 on usage errors', async () => {
    expect((await ws.run(['frobnicate'])).code).toBe(EXIT_USAGE)
    expect((await ws.run(['export', '--bogus'])).code).toBe(EXIT_USAGE)
    expect((await ws.run(['replay', 'x.jsonl', '--format', 'pdf'])).code).toBe(EXIT_USAGE)
    expect((await ws.run(['replay', 'x.jsonl', '--format', 'json', '--at', 'noon'])).code).toBe(EXIT_USAGE)
    expect((await ws.run(['playbooks', 'seed'])).code).toBe(EXIT_USAGE)
  })

  it('prints the errors of the command line itself as incident-kit: <message>, like every other error', async () => {
    const run = await ws.run(['export', '--bogus'])
    expect(run.stderr).toBe("incident-kit: unknown option '--bogus'\n(run with --help for usage)\n")
  })

  it('refuses an empty --source, which would write lines that import rejects', async () => {
    const run = await ws.run(['export', '--source', ''])
    expect(run.code).toBe(EXIT_USAGE)
    expect(run.stderr).toContain("incident-kit: option '--source <uri>' argument '' is invalid. must not be empty")
  })

  it('prints the version of the cli package', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
    const run = await ws.run(['--version'])
    expect(run.code).toBe(EXIT_OK)
    expect(run.stdout).toBe(`${version}\n`)
  })

  it('exits 4 on a malformed database URL without touching anything, naming where the URL came from', async () => {
    const run = await ws.run(['export', '--db', 'mysql://x'])
    expect(run.code).toBe(EXIT_CONFIGURATION)
    expect(run.stderr).toContain('incident-kit: --db: unsupported database URL')
    const fromEnv = await ws.run(['export'], { DATABASE_URL: 'mysql://x' })
    expect(fromEnv.code).toBe(EXIT_CONFIGURATION)
    expect(fromEnv.stderr).toContain('incident-kit: DATABASE_URL: unsupported database URL')
    for (const [url, says] of [
      ['postgres://ik:secret@[bad', 'is not a valid URL'],
      ['postgres://ik:secret@db/ops?schema=my-schema', 'must be a plain identifier'],
      ['postgres://ik:secret@db/ops?connect_timeout=abc', 'must be a whole number of seconds'],
    ]) {
      const postgres = await ws.run(['export', '--db', url!])
      expect(postgres.code, url).toBe(EXIT_CONFIGURATION)
      expect(postgres.stderr).toContain(`incident-kit: --db: `)
      expect(postgres.stderr).toContain(says)
      expect(postgres.stderr).not.toContain('secret')
    }
  })

  it('uses DATABASE_URL when --db is absent, and the default file otherwise (also when DATABASE_URL is set but empty)', async () => {
    expect((await ws.run(['demo'], { DATABASE_URL: 'sqlite:./from-env.db' })).stdout).toContain(join(ws.dir, 'from-env.db'))
    expect((await ws.run(['demo'])).stdout).toContain(join(ws.dir, 'incident-kit.db'))
    const empty = await ws.run(['demo'], { DATABASE_URL: '' })
    expect(empty.code, empty.stderr).toBe(EXIT_OK)
    expect(empty.stdout).toContain(join(ws.dir, 'incident-kit.db'))
  })

  it('never shows the password of the database the demo plays into', async () => {
    const io = captureIo({ cwd: ws.dir })
    const code = await runCli(['demo', '--db', 'postgres://ik:secret@db.example:5432/incidents'], io, { openStore: async () => createInMemoryEventStore() })
    expect(code, io.stderrText()).toBe(EXIT_OK)
    expect(io.stdoutText()).toContain('Played the demo incident into postgres://ik:***@db.example:5432/incidents:')
    expect(io.stdoutText()).toContain("Next: npx incident-kit export --db 'postgres://ik:***@db.example:5432/incidents' > log.jsonl;")
    expect(io.stdoutText()).toContain("(put the database's password back in place of ***)")
    expect(io.stdoutText()).not.toContain('secret')
  })

  it("ends the demo with the commands to export and replay its log, naming the demo's database unless export reads it by default", async () => {
    const replay = 'npx incident-kit replay log.jsonl --format markdown\n'
    expect((await ws.run(['demo'])).stdout).toMatch(new RegExp(`\nNext: npx incident-kit export > log\\.jsonl; ${replay}$`))
    const other = await ws.run(['demo', '--db', 'sqlite:./other.db'])
    expect(other.stdout).toContain(`\nNext: npx incident-kit export --db sqlite:${join(ws.dir, 'other.db')} > log.jsonl; ${replay}`)
    const fromEnv = await ws.run(['demo'], { DATABASE_URL: 'sqlite:./from-env.db' })
    expect(fromEnv.stdout).toContain(`export --db sqlite:${join(ws.dir, 'from-env.db')} > log.jsonl`)
    const defaultWhileEnvNamesAnother = await ws.run(['demo', '--db', 'sqlite:./incident-kit.db'], { DATABASE_URL: 'sqlite:./from-env.db' })
    expect(defaultWhileEnvNamesAnother.stdout).toContain(`export --db sqlite:${join(ws.dir, 'incident-kit.db')} > log.jsonl`)
  })

  it('writes the demo postmortem beside the SQLite file', async () => {
    mkdirSync(join(ws.dir, 'nested'))
    expect((await ws.run(['demo', '--db', 'sqlite:./nested/demo.db'])).code).toBe(EXIT_OK)
    expect(existsSync(join(ws.dir, 'nested', DEMO_POSTMORTEM_FILE))).toBe(true)
  })

  it('runs the demo twice: the second run appends nothing and shows the same incident', async () => {
    const first = await ws.run(['demo'])
    expect(first.code).toBe(EXIT_OK)
    for (const heading of ['Side panel', 'Timeline', 'Item durations']) expect(first.stdout).toContain(heading)
    const logAfterFirst = (await ws.run(['export'])).stdout
    const second = await ws.run(['demo'])
    expect(second.code).toBe(EXIT_OK)
    expect(second.stdout).toContain('already in')
    expect(second.stdout.split('\n').slice(1)).toEqual(first.stdout.split('\n').slice(1))
    expect((await ws.run(['export'])).stdout).toBe(logAfterFirst)
  })

  it('round-trips export and import between two databases, and a second import appends nothing', async () => {
    await ws.run(['demo'])
    const exported = await ws.run(['export'])
    writeFileSync(join(ws.dir, 'log.jsonl'), exported.stdout)
    const first = await ws.run(['import', 'log.jsonl', '--db', 'sqlite:./copy.db'])
    expect(first.code).toBe(EXIT_OK)
    const count = exported.stdout.trim().split('\n').length
    expect(first.stderr).toContain(`imported ${count} events (0 already present)`)
    const again = await ws.run(['import', 'log.jsonl', '--db', 'sqlite:./copy.db'])
    expect(again.stderr).toContain(`imported 0 events (${count} already present)`)
    const copy = await ws.run(['export', '--db', 'sqlite:./copy.db'])
    expect(copy.stdout).toBe(exported.stdout)
  })

  it('the demo writes the same events everywhere: one demo database imports into another as already present', async () => {
    await ws.run(['demo', '--db', 'sqlite:./one.db'])
    await ws.run(['demo', '--db', 'sqlite:./two.db'])
    writeFileSync(join(ws.dir, 'one.jsonl'), (await ws.run(['export', '--db', 'sqlite:./one.db'])).stdout)
    const run = await ws.run(['import', 'one.jsonl', '--db', 'sqlite:./two.db'])
    expect(run.code, run.stderr).toBe(EXIT_OK)
    expect(run.stderr).toMatch(/^imported 0 events \(\d+ already present\)/)
  })

  it('filters exports by incident, team and time', async () => {
    await ws.run(['demo'])
    const all = exportedLines((await ws.run(['export'])).stdout) as Array<{ subject: string; time: string; data: { teamId?: string } }>
    const incident = exportedLines((await ws.run(['export', '--incident', 'demo-leaked-cloud-key'])).stdout)
    expect(incident).toEqual(all.filter((e) => e.subject === 'incident-demo-leaked-cloud-key'))
    const since = '2026-03-12T09:30:00.000Z'
    const later = exportedLines((await ws.run(['export', '--since', since])).stdout)
    expect(later).toEqual(all.filter((e) => e.time >= since))
    expect((await ws.run(['export', '--team', 'another-team'])).stdout).toBe('')
    expect(exportedLines((await ws.run(['export', '--team', 'demo-security'])).stdout)).toEqual(all)
  })

  it('rejects a bad file with exit 3 and the line number, writing nothing', async () => {
    await ws.run(['demo'])
    const lines = (await ws.run(['export'])).stdout.trim().split('\n')
    const broken = [...lines.slice(0, 7), '{"not": "an event"', ...lines.slice(7)]
    writeFileSync(join(ws.dir, 'broken.jsonl'), broken.join('\n'))
    const run = await ws.run(['import', 'broken.jsonl', '--db', 'sqlite:./target.db'])
    expect(run.code).toBe(EXIT_BAD_INPUT)
    expect(run.stderr).toMatch(/line 8: invalid JSON/)
    expect(run.stderr).toContain('nothing was written')
    expect((await ws.run(['export', '--db', 'sqlite:./target.db'])).stdout).toBe('')
  })

  it('rejects unreadable and empty files with exit 3', async () => {
    const missing = await ws.run(['import', 'nope.jsonl'])
    expect(missing.code).toBe(EXIT_BAD_INPUT)
    expect(missing.stderr).toContain('cannot read nope.jsonl: ENOENT')
    writeFileSync(join(ws.dir, 'empty.jsonl'), '')
    const empty = await ws.run(['import', 'empty.jsonl'])
    expect(empty.code).toBe(EXIT_BAD_INPUT)
    expect(empty.stderr).toContain('line 1: the file holds no events (it is empty)')
  })

  it('refuses a file that continues a stream past where the database ends, writing nothing', async () => {
    await ws.run(['demo'])
    const lines = (await ws.run(['export', '--since', '2026-03-12T09:30:00Z'])).stdout.trim().split('\n')
    writeFileSync(join(ws.dir, 'tail.jsonl'), lines.join('\n'))
    const run = await ws.run(['import', 'tail.jsonl', '--db', 'sqlite:./other.db'])
    expect(run.code).toBe(EXIT_BAD_INPUT)
    expect(run.stderr).toMatch(/line 1: version gap: incident-demo-leaked-cloud-key does not exist in the database, the file continues at version \d+/)
    expect((await ws.run(['export', '--db', 'sqlite:./other.db'])).stdout).toBe('')
    // The same tail fits the database it came from: everything is already there.
    expect((await ws.run(['import', 'tail.jsonl'])).stderr).toContain(`imported 0 events (${lines.length} already present)`)
  })

  it('seeds the four starter playbooks once per team', async () => {
    const first = await ws.run(['playbooks', 'seed', '--team', 'ops'])
    expect(first.code).toBe(EXIT_OK)
    expect(first.stdout.match(/^created /gm)).toHaveLength(STARTER_PLAYBOOKS.length)
    const log = (await ws.run(['export', '--team', 'ops'])).stdout
    const second = await ws.run(['playbooks', 'seed', '--team', 'ops'])
    expect(second.stdout.match(/^present /gm)).toHaveLength(STARTER_PLAYBOOKS.length)
    expect((await ws.run(['export', '--team', 'ops'])).stdout).toBe(log)
    const other = await ws.run(['playbooks', 'seed', '--team', 'sec'])
    expect(other.stdout.match(/^created /gm)).toHaveLength(STARTER_PLAYBOOKS.length)
  })

  it.each([
    ['--actor', ''],
    ['--actor', ' \t'],
    ['--team', ''],
    ['--team', '  '],
  ])('refuses playbooks seed %s %j, naming the option, and writes nothing', async (option, value) => {
    const run = await ws.run(['playbooks', 'seed', '--team', 'ops', option, value, '--db', 'sqlite:./seeded.db'])
    expect(run.code).toBe(EXIT_USAGE)
    expect(run.stderr).toContain(`incident-kit: option '${option} <id>' argument '${value}' is invalid. must not be ${value === '' ? 'empty' : 'blank'}`)
    expect(existsSync(join(ws.dir, 'seeded.db'))).toBe(false)
  })
})
