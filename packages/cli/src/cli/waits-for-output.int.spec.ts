import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXIT_OK } from './cli-errors.js'
import { captureIo, type CliOutput } from './cli-io.js'
import { runCli } from './run-cli.js'
import { tempWorkspace, type TempWorkspace } from '../testing/temp-workspace.js'

let ws: TempWorkspace
beforeAll(async () => {
  ws = tempWorkspace()
  await ws.run(['demo'])
  writeFileSync(join(ws.dir, 'log.jsonl'), (await ws.run(['export'])).stdout)
})
afterAll(() => ws.remove())

/** A stdout like a full pipe: each write is taken a moment later, and says so with a promise. */
const slowStdout = () => {
  let untaken = 0
  const output: CliOutput = {
    isTTY: false,
    write: async () => {
      untaken++
      await sleep(20)
      untaken--
    },
  }
  return { output, untaken: () => untaken }
}

describe('commands writing to a slow stdout', () => {
  it.each([
    ['demo', ['demo']],
    ['replay', ['replay', 'log.jsonl', '--format', 'markdown']],
    ['report', ['report', '--team', 'demo-security', '--since', '2026-01-01', '--until', '2026-04-01', '--format', 'markdown']],
    ['playbooks seed', ['playbooks', 'seed', '--team', 'ops']],
  ])('%s returns only once stdout has taken everything it wrote', async (_name, argv) => {
    const stdout = slowStdout()
    const io = captureIo({ cwd: ws.dir })
    const code = await runCli(argv, { ...io, stdout: stdout.output })
    expect(code, io.stderrText()).toBe(EXIT_OK)
    expect(stdout.untaken()).toBe(0)
  })
})
