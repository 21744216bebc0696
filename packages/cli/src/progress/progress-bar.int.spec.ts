import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import cliProgress from 'cli-progress'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { EXIT_OK } from '../cli/cli-errors.js'
import { captureIo } from '../cli/cli-io.js'
import { openSqlStore, type OpenStore } from '../cli/open-store.js'
import { runCli, type RunCliOptions } from '../cli/run-cli.js'
import { logLine } from '../testing/log-lines.js'
import { tempWorkspace, type TempWorkspace } from '../testing/temp-workspace.js'
import { PROGRESS_MIN_TOTAL } from './progress-bar.js'

let ws: TempWorkspace
beforeEach(() => {
  ws = tempWorkspace()
})
afterEach(() => {
  vi.restoreAllMocks()
  ws.remove()
})

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
const runOnTerminal = async (argv: readonly string[], options: RunCliOptions = {}) => {
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
  const code = await runCli(argv, { ...io, stderr: { write: (t) => void stream.write(t), isTTY: true, stream } }, options)
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

  it('do not draw for an import of fewer lines than the minimum, though import counts each line three times', async () => {
    writeLog('short.jsonl', PROGRESS_MIN_TOTAL - 500)
    const terminal = await runOnTerminal(['import', 'short.jsonl', '--db', 'sqlite:./a.db'])
    expect(terminal.code).toBe(EXIT_OK)
    expect(terminal.stderr).toBe(`imported ${PROGRESS_MIN_TOTAL - 500} events (0 already present) in 1 stream\n`)
  })

  type Pass = 'reading' | 'checking' | 'writing'
  /**
   * Runs an import on a terminal, recording what its bar is given (it draws at most a few times a
   * second) and which pass the import was in: it asks for the target once the file is read, then,
   * for a new database, again once the checks on its empty stand-in pass.
   */
  const importShowing = async (file: string, db: string) => {
    let pass: Pass = 'reading'
    const openStore: OpenStore = (url, options = {}) => {
      pass = options.mustExist === true ? 'checking' : 'writing'
      return openSqlStore(url, options)
    }
    const shown: { value: number; total: number; pass: Pass }[] = []
    const start = cliProgress.SingleBar.prototype.start
    vi.spyOn(cliProgress.SingleBar.prototype, 'start').mockImplementation(function (this: cliProgress.SingleBar, ...args) {
      const record = (total: number, value: number) => void shown.push({ value, total, pass })
      this.on('start', record).on('update', record)
      start.apply(this, args)
    })
    const { code } = await runOnTerminal(['import', file, '--db', db], { openStore })
    vi.restoreAllMocks()
    return { code, shown }
  }

  /** One total, only forward, ending at the total. */
  const expectOneForwardBar = (shown: readonly { value: number; total: number }[]) => {
    const values = shown.map((state) => state.value)
    expect(new Set(shown.map((state) => state.total)).size).toBe(1)
    expect(values).toEqual([...values].sort((a, b) => a - b))
    expect(values.at(-1)).toBe(shown[0]!.total)
  }

  it('of an import keep one total, move only forward, move while the file is checked, and end at the total', async () => {
    writeLog('long.jsonl', PROGRESS_MIN_TOTAL + 501)
    // A byte-order mark and a blank last line, as editors write them: neither is an event to count.
    const file = join(ws.dir, 'long.jsonl')
    writeFileSync(file, `\uFEFF${readFileSync(file, 'utf8')}\n`)

    const { code, shown } = await importShowing('long.jsonl', 'sqlite:./a.db')
    expect(code).toBe(EXIT_OK)
    expectOneForwardBar(shown)
    const lastValueIn = (wanted: Pass) => shown.filter((state) => state.pass === wanted).at(-1)?.value
    expect(lastValueIn('checking')).toBeGreaterThan(lastValueIn('reading')!)
  })

  it('of a re-import move while the file is compared with the store, and end at the total though nothing is written', async () => {
    const events = PROGRESS_MIN_TOTAL + 501
    writeLog('long.jsonl', events)
    expect((await ws.run(['import', 'long.jsonl', '--db', 'sqlite:./a.db'])).code).toBe(EXIT_OK)

    const { code, shown } = await importShowing('long.jsonl', 'sqlite:./a.db')
    expect(code).toBe(EXIT_OK)
    expectOneForwardBar(shown)
    // Reading ends at a third of the bar; the comparison with the store brings it to two thirds.
    expect(shown.map((state) => state.value)).toContain(2 * events)
  })

  it('draw for a copy of a large store', async () => {
    writeLog('long.jsonl', PROGRESS_MIN_TOTAL + 1)
    expect((await ws.run(['import', 'long.jsonl', '--db', 'sqlite:./a.db'])).code).toBe(EXIT_OK)
    const terminal = await runOnTerminal(['copy', '--db', 'sqlite:./a.db', '--to', 'sqlite:./b.db'])
    expect(terminal.code).toBe(EXIT_OK)
    expect(terminal.stderr).toContain('copy [')
  })
})
