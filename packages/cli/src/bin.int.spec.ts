import { execFile, spawn } from 'node:child_process'
import { closeSync, existsSync, openSync } from 'node:fs'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './cli/cli-errors.js'
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

  it.runIf(existsSync('/dev/full'))('fails with a one-line message, not a stack trace, when its output cannot be written (a full disk)', async () => {
    expect((await incidentKit(['demo', '--db', 'sqlite:./full.db'])).code).toBe(EXIT_OK)
    const result = await incidentKitWritingTo('/dev/full', ['export', '--db', 'sqlite:./full.db'])
    expect(result.code).toBe(EXIT_FAILURE)
    expect(result.stderr).toMatch(/^incident-kit: cannot write the output: ENOSPC: no space left on device, write\n$/)
  })
})
