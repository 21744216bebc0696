import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { EXIT_OK } from '../cli/cli-errors.js'
import { captureIo } from '../cli/cli-io.js'
import { runCli } from '../cli/run-cli.js'
import { toCloudEvent } from '../event-log/cloud-event.js'
import { tempWorkspace, type TempWorkspace } from '../testing/temp-workspace.js'
import { PROGRESS_MIN_TOTAL } from './progress-bar.js'

let ws: TempWorkspace
beforeEach(() => {
  ws = tempWorkspace()
})
afterEach(() => ws.remove())

/** A log long enough for a progress bar: an incident and many notes. */
const writeLongLog = (file: string, notes: number) => {
  const event = (version: number, type: string, data: unknown) =>
    JSON.stringify(
      toCloudEvent({
        id: `event-${version}`,
        type,
        streamId: 'incident-long',
        version,
        occurredAt: new Date(Date.UTC(2026, 2, 12, 8) + version * 1000).toISOString(),
        recordedAt: '2026-03-12T12:00:00.000Z',
        actorId: 'alice',
        commandId: `command-${version}`,
        correlationId: `command-${version}`,
        schemaVersion: 1,
        data,
        position: '',
      }),
    )
  const started = { incidentId: 'long', teamId: 'ops', name: 'Long one', channelName: 'long-one', commanderId: 'alice', reporterId: 'alice', checklists: [] }
  const lines = [event(1, 'incident.started', started), ...Array.from({ length: notes }, (_, n) => event(n + 2, 'incident.note_added', { text: `note ${n}` }))]
  writeFileSync(file, lines.join('\n'))
}

/** A terminal stand-in: a stream that says it is a TTY and keeps what was written. */
const fakeTerminal = () => {
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
  return { stream, text: () => chunks.join('') }
}

describe('progress bars', () => {
  it('draw on stderr when it is a terminal, and write nothing extra otherwise', async () => {
    writeLongLog(join(ws.dir, 'long.jsonl'), PROGRESS_MIN_TOTAL + 500)
    const terminal = fakeTerminal()
    const io = captureIo({ cwd: ws.dir })
    const code = await runCli(['import', 'long.jsonl', '--db', 'sqlite:./a.db'], { ...io, stderr: { write: (t) => void terminal.stream.write(t), isTTY: true, stream: terminal.stream } })
    expect(code).toBe(EXIT_OK)
    expect(terminal.text()).toContain('import [')
    expect(terminal.text()).toContain(`imported ${PROGRESS_MIN_TOTAL + 501} events`)

    const piped = await ws.run(['import', 'long.jsonl', '--db', 'sqlite:./b.db'])
    expect(piped.stderr).toBe(`imported ${PROGRESS_MIN_TOTAL + 501} events (0 already present) in 1 stream\n`)
  })
})
