import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { BOT_LEADER_LOCK } from '@incident-kit/adapter-mattermost'
import { createSqlEventStore } from '@incident-kit/adapter-sql'
import { EXIT_INTERRUPTED, EXIT_OK, EXIT_TERMINATED } from '../cli/cli-errors.js'
import { captureIo, type CliIo, type CliOutput } from '../cli/cli-io.js'
import { openSqlStore, type OpenStore } from '../cli/open-store.js'
import { runCli } from '../cli/run-cli.js'
import { exportedLines } from '../testing/exported-lines.js'
import { fakeStopSignals, type FakeStopSignals } from '../testing/fake-stop-signals.js'
import { manyIncidents } from '../testing/many-incidents.js'
import { tempWorkspace, type TempWorkspace } from '../testing/temp-workspace.js'

/** Three copies of the demo's incident, besides its playbooks: an import of many appends. */
let LOG: string
let LOG_EVENTS: number
let LOG_STREAMS: number
beforeAll(async () => {
  const demo = tempWorkspace()
  try {
    expect((await demo.run(['demo'])).code).toBe(EXIT_OK)
    LOG = manyIncidents((await demo.run(['export'])).stdout, 3)
    const lines = exportedLines(LOG)
    LOG_EVENTS = lines.length
    LOG_STREAMS = new Set(lines.map((line) => line['subject'])).size
  } finally {
    demo.remove()
  }
})

let ws: TempWorkspace
let signals: FakeStopSignals
beforeEach(() => {
  ws = tempWorkspace()
  signals = fakeStopSignals()
  writeFileSync(join(ws.dir, 'log.jsonl'), LOG)
})
afterEach(() => ws.remove())

const events = (count: number) => `${count} event${count === 1 ? '' : 's'}`

/** A stderr that says it is a terminal (without a stream: no bar is drawn), to see what restores it. */
const terminalStderr = () => {
  const chunks: string[] = []
  const output: CliOutput = { isTTY: true, write: (text) => void chunks.push(text) }
  return { output, text: () => chunks.join('') }
}

/** `runCli` in the workspace with the fake signals, and optionally another stderr or store. */
const run = async (argv: readonly string[], options: { stderr?: CliOutput; openStore?: OpenStore } = {}) => {
  const captured = captureIo({ cwd: ws.dir, stopSignals: signals.stopSignals })
  const io: CliIo = options.stderr ? { ...captured, stderr: options.stderr } : captured
  const code = await runCli(argv, io, options.openStore ? { openStore: options.openStore } : {})
  return { code, stdout: captured.stdoutText(), stderr: captured.stderrText() }
}

/**
 * The SQL store, sending `sent` (in order) once its first append has been written: a Ctrl-C while
 * an import writes. `firstAppend()` is how many events that append wrote.
 */
const signalsAfterFirstAppend = (...sent: Parameters<FakeStopSignals['send']>[0][]) => {
  let firstAppend = 0
  const openStore: OpenStore = async (url, options) => {
    const store = await openSqlStore(url, options)
    return {
      ...store,
      appendToStream: async (streamId, envelopes, appendOptions) => {
        const result = await store.appendToStream(streamId, envelopes, appendOptions)
        if (firstAppend === 0) firstAppend = result.events.length
        for (const signal of sent.splice(0)) signals.send(signal)
        return result
      },
    }
  }
  return { openStore, firstAppend: () => firstAppend }
}

const storedEvents = async (db: string) => exportedLines((await ws.run(['export', '--db', db])).stdout).length

describe('a writing command interrupted by a signal', () => {
  it('import stops after the append in flight, keeps it, says how far it got and exits 130; the same command completes it', async () => {
    const store = signalsAfterFirstAppend('SIGINT')
    const interrupted = await run(['import', 'log.jsonl', '--db', 'sqlite:./t.db'], { openStore: store.openStore })
    expect(interrupted.code).toBe(EXIT_INTERRUPTED)
    const written = store.firstAppend()
    expect(written).toBeGreaterThan(0)
    expect(interrupted.stderr).toBe(
      `incident-kit: interrupted (SIGINT) after writing ${events(written)} (of ${LOG_EVENTS} in the file); they stay in the database: run the same command again to complete it (it skips the events already there)\n`,
    )
    expect(signals.listening()).toBe(0)
    expect(signals.exits).toEqual([])
    expect(await storedEvents('sqlite:./t.db')).toBe(written)
    const again = await run(['import', 'log.jsonl', '--db', 'sqlite:./t.db'])
    expect(again.code).toBe(EXIT_OK)
    expect(again.stderr).toBe(`imported ${LOG_EVENTS - written} events (${written} already present) in ${LOG_STREAMS} streams\n`)
  })

  it('exits at once on a second signal, the terminal restored first; SIGTERM alone exits 143', async () => {
    const stderr = terminalStderr()
    const store = signalsAfterFirstAppend('SIGTERM', 'SIGINT')
    const interrupted = await run(['import', 'log.jsonl', '--db', 'sqlite:./t.db'], { stderr: stderr.output, openStore: store.openStore })
    // The process would have ended here; a test's `exitNow` returns, and the first signal's stop goes on.
    expect(signals.exits).toEqual([EXIT_INTERRUPTED])
    expect(stderr.text().split('\n')[0]).toBe(
      '\r\x1b[2K\x1b[?25h\x1b[?7hincident-kit: stopped at once (a second signal); the events written so far stay in the database: run the same command again to complete it',
    )
    expect(interrupted.code).toBe(EXIT_TERMINATED)
    expect(stderr.text()).toContain(`incident-kit: interrupted (SIGTERM) after writing ${events(store.firstAppend())} (of ${LOG_EVENTS} in the file)`)
  })

  it('copy releases the bot lock when interrupted, and writes nothing when interrupted before its first append', async () => {
    expect((await ws.run(['import', 'log.jsonl', '--db', 'sqlite:./a.db'])).code).toBe(EXIT_OK)
    signals.sendOnListen('SIGTERM')
    const interrupted = await run(['copy', '--db', 'sqlite:./a.db', '--to', 'sqlite:./b.db'])
    expect(interrupted.code).toBe(EXIT_TERMINATED)
    expect(interrupted.stderr).toBe('incident-kit: interrupted (SIGTERM) before any event was written\n')
    expect(signals.listening()).toBe(0)
    expect(existsSync(join(ws.dir, 'b.db'))).toBe(false)
    const source = await createSqlEventStore({ url: `sqlite:${join(ws.dir, 'a.db')}`, existingOnly: true })
    try {
      const lock = await source.tryLock(BOT_LEADER_LOCK)
      expect(lock).toBeDefined()
      await lock?.release()
    } finally {
      await source.close()
    }
    const again = await run(['copy', '--db', 'sqlite:./a.db', '--to', 'sqlite:./b.db'])
    expect(again.code, again.stderr).toBe(EXIT_OK)
    expect(again.stderr).toContain(`copied ${LOG_EVENTS} events (0 already present)`)
  })

  it('demo stops too, leaving no new empty database when stopped before its first append, and resumes when run again', async () => {
    signals.sendOnListen('SIGINT')
    const interrupted = await run(['demo', '--db', 'sqlite:./d.db'])
    expect(interrupted.code).toBe(EXIT_INTERRUPTED)
    expect(interrupted.stderr).toBe('incident-kit: interrupted (SIGINT) before any event was written\n')
    expect(signals.listening()).toBe(0)
    expect(existsSync(join(ws.dir, 'd.db'))).toBe(false)
    const again = await run(['demo', '--db', 'sqlite:./d.db'])
    expect(again.code, again.stderr).toBe(EXIT_OK)
    expect(again.stdout).toContain('Played the demo incident into')
  })

  it('replay, which writes no database, exits at once on the first signal, the terminal restored first', async () => {
    const stderr = terminalStderr()
    signals.sendOnListen('SIGINT')
    await run(['replay', 'log.jsonl', '--format', 'json'], { stderr: stderr.output })
    expect(signals.exits).toEqual([EXIT_INTERRUPTED])
    expect(stderr.text()).toBe('\r\x1b[2K\x1b[?25h\x1b[?7hincident-kit: interrupted\n')
    expect(signals.listening()).toBe(0)
  })
})
