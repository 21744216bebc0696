import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { EXIT_OK } from '../cli/cli-errors.js'
import { captureIo } from '../cli/cli-io.js'
import { runCli } from '../cli/run-cli.js'
import { logLine } from '../testing/log-lines.js'
import { tempWorkspace, type TempWorkspace } from '../testing/temp-workspace.js'
import { PROGRESS_MIN_TOTAL } from './progress-bar.js'

let ws: TempWorkspace
beforeEach(() => {
  ws = tempWorkspace()
})
afterEach(() => ws.remove())

/** A log of `events` lines: an incident and notes on it. */
const writeLog = (file: string, events: number) => {
  const started = { incidentId: 'long', teamId: 'ops', name: 'Long one', channelName: 'long-one', commanderId: 'alice', reporterId: 'alice', checklists: [] }
  const lines = [
    logLine({ streamId: 'incident-long', version: 1, type: 'incident.started', data: started }),
    ...Array.from({ length: events - 1 }, (_, n) => logLine({ streamId: 'incident-long', version: n + 2 })),
  ]
  writeFileSync(join(ws.dir, file), lines.join('\n'))
}

/** Runs the CLI with stderr on a terminal stand-in: a stream that says it is a TTY and keeps what was written. */
const runOnTerminal = async (argv: readonly string[]) => {
  const chunks: string[] = []
  const stream = Object.assign(
    new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        chunks.push(chunk.toString())
        done()
      },
    }),
    { isTTY: true, columns: 100 },
  )
  const io = captureIo({ cwd: ws.dir })
  const code = await runCli(argv, { ...io, stderr: { write: (t) => void stream.write(t), isTTY: true, stream } })
  return { code, stderr: chunks.join('') }
}

describe('progress bars', () => {
  it('draw on stderr when it is a terminal, and write nothing extra otherwise', async () => {
    writeLog('long.jsonl', PROGRESS_MIN_TOTAL + 501)
    const terminal = await runOnTerminal(['import', 'long.jsonl', '--db', 'sqlite:./a.db'])
    expect(terminal.code).toBe(EXIT_OK)
    expect(terminal.stderr).toContain('import [')
    expect(terminal.stderr).toContain(`imported ${PROGRESS_MIN_TOTAL + 501} events`)

    const piped = await ws.run(['import', 'long.jsonl', '--db', 'sqlite:./b.db'])
    expect(piped.stderr).toBe(`imported ${PROGRESS_MIN_TOTAL + 501} events (0 already present) in 1 stream\n`)
  })

  it('do not draw for an import of fewer lines than the minimum, though import counts each line twice', async () => {
    writeLog('short.jsonl', PROGRESS_MIN_TOTAL - 500)
    const terminal = await runOnTerminal(['import', 'short.jsonl', '--db', 'sqlite:./a.db'])
    expect(terminal.code).toBe(EXIT_OK)
    expect(terminal.stderr).toBe(`imported ${PROGRESS_MIN_TOTAL - 500} events (0 already present) in 1 stream\n`)
  })

  it('draw for a copy of a large store', async () => {
    writeLog('long.jsonl', PROGRESS_MIN_TOTAL + 1)
    expect((await ws.run(['import', 'long.jsonl', '--db', 'sqlite:./a.db'])).code).toBe(EXIT_OK)
    const terminal = await runOnTerminal(['copy', '--db', 'sqlite:./a.db', '--to', 'sqlite:./b.db'])
    expect(terminal.code).toBe(EXIT_OK)
    expect(terminal.stderr).toContain('copy [')
  })
})
