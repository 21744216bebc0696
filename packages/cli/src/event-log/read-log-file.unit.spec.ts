import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { createInMemoryEventStore } from '@incident-kit/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runDemoScenario } from '../demo/run-demo-scenario.js'
import { exportEventLog } from './export-event-log.js'
import { formatLineError } from './parse-log-line.js'
import { decodeUtf8, readEventLogFile } from './read-log-file.js'

let dir: string
let log: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'read-log-file-'))
  const store = createInMemoryEventStore()
  await runDemoScenario(store)
  const lines: string[] = []
  await exportEventLog(store, { write: (line) => void lines.push(line) })
  log = lines.join('')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The log with the first `é` of `line` (from 1) in Latin-1, one byte that UTF-8 does not allow alone. */
const withLatin1 = (text: string, line: number) => {
  const rows = text.split('\n')
  rows[line - 1] = rows[line - 1]!.replace(/"text":"/, '"text":"\u00e9')
  return Buffer.concat(rows.map((row, index) => Buffer.from(index === 0 ? row : `\n${row}`, index === line - 1 ? 'latin1' : 'utf8')))
}

describe('decodeUtf8', () => {
  it('names each line that is not valid UTF-8, instead of reading U+FFFD for its bytes', () => {
    const noteLine = log.split('\n').findIndex((row) => row.includes('"text":"')) + 1
    const decoded = decodeUtf8(withLatin1(log, noteLine))
    expect(E.isLeft(decoded) && decoded.left.map(formatLineError)).toEqual([`line ${noteLine}: not valid UTF-8`])
    const twice = decodeUtf8(Buffer.concat([Buffer.from('{"a":"\xff"}\n', 'latin1'), Buffer.from('{}\n'), Buffer.from([0xc3])]))
    expect(E.isLeft(twice) && twice.left.map(formatLineError)).toEqual(['line 1: not valid UTF-8', 'line 3: not valid UTF-8'])
    const utf16 = decodeUtf8(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a":1}\n{"b":2}\n', 'utf16le')]))
    expect(E.isLeft(utf16) && utf16.left.map(formatLineError)).toEqual(['line 1: not valid UTF-8 (the file is UTF-16: save it as UTF-8)'])
  })

  it('reads valid UTF-8 as it is, a leading byte-order mark dropped', () => {
    expect(decodeUtf8(Buffer.from(log))).toEqual(E.right(log))
    expect(decodeUtf8(Buffer.from(`\uFEFF${log}`))).toEqual(E.right(log))
    expect(decodeUtf8(Buffer.from('Zoë 🚨'))).toEqual(E.right('Zoë 🚨'))
  })
})

describe('readEventLogFile', () => {
  it('refuses a file with a byte that is not UTF-8 as a bad input (exit 3), naming the line', async () => {
    const noteLine = log.split('\n').findIndex((row) => row.includes('"text":"')) + 1
    writeFileSync(join(dir, 'latin1.jsonl'), withLatin1(log, noteLine))
    await expect(readEventLogFile('latin1.jsonl', dir, { writesStore: true })).rejects.toMatchObject({
      code: 'CLI_BAD_INPUT',
      message: `latin1.jsonl is not a valid event log; nothing was written:\n  line ${noteLine}: not valid UTF-8`,
    })
  })

  it('reads an exported file, with or without a byte-order mark', async () => {
    writeFileSync(join(dir, 'log.jsonl'), log)
    writeFileSync(join(dir, 'bom.jsonl'), `\uFEFF${log}`)
    const lines = await readEventLogFile('log.jsonl', dir)
    expect(lines).toHaveLength(log.trim().split('\n').length)
    expect((await readEventLogFile('bom.jsonl', dir)).map((line) => line.event.id)).toEqual(lines.map((line) => line.event.id))
  })
})
