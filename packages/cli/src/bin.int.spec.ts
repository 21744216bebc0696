import { execFile, spawn } from 'node:child_process'
import { closeSync, existsSync, openSync, writeFileSync } from 'node:fs'
import { once } from 'node:events'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { START } from '@incident-kit/core'
import { createSqlEventStore } from '@incident-kit/adapter-sql'
import { EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE } from './cli/cli-errors.js'
import { manyIncidents } from './testing/many-incidents.js'
import { tempWorkspace, type TempWorkspace } from './testing/temp-workspace.js'

const BIN = fileURLToPath(new URL('../bin/incident-kit.js', import.meta.url))
const run = promisify(execFile)

let ws: TempWorkspace
beforeAll(() => {
  ws = tempWorkspace('incident-kit-bin-')
})
afterAll(() => ws.remove())

/** Runs the real bin in a child process, as a user's shell would. */
const incidentKit = async (args: readonly string[]) => {
  const env = { ...process.env }
  delete env.DATABASE_URL
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd: ws.dir, env })
    return { code: EXIT_OK, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

/** Runs the real bin with its stdout on a file, as `incident-kit export > FILE` would. */
const incidentKitWritingTo = async (file: string, args: readonly string[]) => {
  const env = { ...process.env }
  delete env.DATABASE_URL
  const stdout = openSync(file, 'w')
  try {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ws.dir, env, stdio: ['ignore', stdout, 'pipe'] })
    let stderr = ''
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const [code] = (await once(child, 'close')) as [number]
    return { code, stderr }
  } finally {
    closeSync(stdout)
  }
}

/** Whether the SQLite file holds a store with an event yet (read by another process, as a user would look). */
const holdsAnEvent = async (file: string) => {
  if (!existsSync(file)) return false
  try {
    const store = await createSqlEventStore({ url: `sqlite:${file}`, existingOnly: true })
    try {
      return (await store.readAll({ after: START, limit: 1 })).events.length > 0
    } finally {
      await store.close()
    }
  } catch {
    return false // not a store yet: the copy is creating it
  }
}

describe('the incident-kit bin', () => {
  it('prints its help and exits 0', async () => {
    const help = await incidentKit(['--help'])
    expect(help.code).toBe(EXIT_OK)
    expect(help.stdout).toContain('Usage: incident-kit')
  })

  it('exits 2 on an unknown command', async () => {
    const result = await incidentKit(['launch-rockets'])
    expect(result.code).toBe(EXIT_USAGE)
    expect(result.stderr).toContain("unknown command 'launch-rockets'")
  })

  it('runs the demo on the default SQLite file, exports it and imports it again', async () => {
    const demo = await incidentKit(['demo'])
    expect(demo.code, demo.stderr).toBe(EXIT_OK)
    expect(demo.stdout).toContain('Leaked cloud access key')
    const exported = await incidentKit(['export'])
    expect(exported.stdout.trim().split('\n').length).toBeGreaterThan(30)
    const missing = await incidentKit(['import', 'missing.jsonl'])
    expect(missing.code).toBe(EXIT_BAD_INPUT)
  })

  it('stops a copy on Ctrl-C after the append in flight, releases the bot lock and says how far it got; the same command completes it', async () => {
    // ~15,000 events, an append per command: the copy is still writing when the test sees its first event.
    expect((await ws.run(['demo', '--db', 'sqlite:./seed.db'])).code).toBe(EXIT_OK)
    const log = manyIncidents((await ws.run(['export', '--db', 'sqlite:./seed.db'])).stdout, 385)
    const events = log.split('\n').length
    writeFileSync(join(ws.dir, 'many.jsonl'), log)
    expect((await ws.run(['import', 'many.jsonl', '--db', 'sqlite:./many.db'])).code).toBe(EXIT_OK)
    const env = { ...process.env }
    delete env.DATABASE_URL
    const copy = ['copy', '--db', 'sqlite:./many.db', '--to', 'sqlite:./copy.db']
    const child = spawn(process.execPath, [BIN, ...copy], { cwd: ws.dir, env, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const closed = once(child, 'close') as Promise<[number | null, NodeJS.Signals | null]>
    while (child.exitCode === null && !(await holdsAnEvent(join(ws.dir, 'copy.db')))) await sleep(10)
    child.kill('SIGINT')
    const [code, signal] = await closed
    expect({ code, signal, stderr }).toMatchObject({ code: EXIT_INTERRUPTED, signal: null })
    const [written, of] = /^incident-kit: interrupted \(SIGINT\) after writing (\d+) events \(of (\d+) in the source\)/.exec(stderr)?.slice(1).map(Number) ?? []
    expect(of).toBe(events)
    expect(stderr).toContain('; they stay in the database: run the same command again to complete it')
    expect(written).toBeGreaterThan(0)
    expect(written).toBeLessThan(events)
    // At once: the interrupted copy released its lease on the bot's lock (it would hold it 30 s).
    const again = await incidentKit(copy)
    expect(again.code, again.stderr).toBe(EXIT_OK)
    expect(again.stderr).toContain(`copied ${events - written!} events (${written} already present)`)
  })

  it.runIf(existsSync('/dev/full'))('fails with a one-line message, not a stack trace, when its output cannot be written (a full disk)', async () => {
    expect((await incidentKit(['demo', '--db', 'sqlite:./full.db'])).code).toBe(EXIT_OK)
    const result = await incidentKitWritingTo('/dev/full', ['export', '--db', 'sqlite:./full.db'])
    expect(result.code).toBe(EXIT_FAILURE)
    expect(result.stderr).toMatch(/^incident-kit: cannot write the output: ENOSPC: no space left on device, write\n$/)
  })
})
