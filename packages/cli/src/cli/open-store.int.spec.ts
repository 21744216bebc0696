import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { EXIT_FAILURE, EXIT_OK } from './cli-errors.js'
import { tempWorkspace, type TempWorkspace } from '../testing/temp-workspace.js'

let ws: TempWorkspace
beforeEach(() => {
  ws = tempWorkspace()
})
afterEach(() => ws.remove())

describe('opening the database', () => {
  it('refuses a SQLite file that does not exist for a command that only reads, and creates none', async () => {
    const typo = join(ws.dir, 'typo.db')
    const runs = {
      export: await ws.run(['export', '--db', 'sqlite:./typo.db']),
      report: await ws.run(['report', '--team', 'ops', '--format', 'json', '--db', 'sqlite:./typo.db']),
      'copy from': await ws.run(['copy', '--db', 'sqlite:./typo.db', '--to', 'sqlite:./target.db']),
    }
    for (const [command, run] of Object.entries(runs)) {
      expect(run.code, command).toBe(EXIT_FAILURE)
      expect(run.stderr, command).toBe(`incident-kit: cannot open the database sqlite:${typo}: the file does not exist, and a command that only reads creates none (check the path)\n`)
    }
    expect(existsSync(typo)).toBe(false)
    expect(existsSync(join(ws.dir, 'target.db'))).toBe(false)
  })

  it('reads sqlite::memory:, which is no file, and creates the file of a command that writes', async () => {
    const memory = await ws.run(['export', '--db', 'sqlite::memory:'])
    expect(memory.code, memory.stderr).toBe(EXIT_OK)
    expect(memory.stderr).toBe('exported 0 events\n')
    expect((await ws.run(['playbooks', 'seed', '--team', 'ops', '--db', 'sqlite:./new.db'])).code).toBe(EXIT_OK)
    expect((await ws.run(['export', '--db', 'sqlite:./new.db'])).code).toBe(EXIT_OK)
  })

  it('names an unreachable PostgreSQL once, with its password hidden', async () => {
    const run = await ws.run(['export', '--db', 'postgres://ik:secret@127.0.0.1:1/incidents'])
    expect(run.code).toBe(EXIT_FAILURE)
    expect(run.stderr).toMatch(/^incident-kit: cannot use postgres:\/\/ik:\*\*\*@127\.0\.0\.1:1\/incidents: \S/)
    expect(run.stderr.match(/postgres:\/\//g)).toHaveLength(1)
  })
})
