import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { describePostgres, dropSchemas, POSTGRES_TEST_URL, schemaExists, uniqueSchema } from '@incident-kit/adapter-sql/testing'
import { EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK } from '../cli/cli-errors.js'
import { MAX_REPORTED_ERRORS } from '../event-log/format-line-errors.js'
import { exportedLines } from '../testing/exported-lines.js'
import { logLine } from '../testing/log-lines.js'
import { tempWorkspace, type TempWorkspace } from '../testing/temp-workspace.js'

let ws: TempWorkspace
beforeEach(() => {
  ws = tempWorkspace()
})
afterEach(() => ws.remove())

const writeLog = (file: string, lines: readonly string[]) => writeFileSync(join(ws.dir, file), lines.join('\n'))
const exported = async () => (await ws.run(['export', '--db', 'sqlite:./target.db'])).stdout
/** A line of `logLine` under another event id. */
const withId = (line: string, id: string) => JSON.stringify({ ...(JSON.parse(line) as object), id })

describe('incident-kit import', () => {
  it('refuses a command used again after other lines before writing anything (the store would refuse it mid-import)', async () => {
    expect((await ws.run(['demo', '--db', 'sqlite:./target.db'])).code).toBe(EXIT_OK)
    const before = await exported()
    writeLog('reused.jsonl', [
      logLine({ streamId: 'incident-a', version: 1, commandId: 'command-1' }),
      logLine({ streamId: 'incident-b', version: 1, commandId: 'command-2' }),
      logLine({ streamId: 'incident-a', version: 2, commandId: 'command-1' }),
    ])
    const run = await ws.run(['import', 'reused.jsonl', '--db', 'sqlite:./target.db'])
    expect(run.code).toBe(EXIT_BAD_INPUT)
    expect(run.stderr).toContain("line 3: command command-1 was already used on line 1 (a command's events are consecutive lines of one stream)")
    expect(await exported()).toBe(before)
  })

  it('refuses an event id the database holds in another stream before writing anything, and imports the same file again as present', async () => {
    expect((await ws.run(['demo', '--db', 'sqlite:./target.db'])).code).toBe(EXIT_OK)
    const before = await exported()
    const stored = JSON.parse(before.split('\n')[0]!) as { id: string; subject: string; streamversion: number }
    writeLog('reused-id.jsonl', [
      logLine({ streamId: 'incident-new1', version: 1 }),
      withId(logLine({ streamId: 'incident-new2', version: 1 }), stored.id),
    ])
    const run = await ws.run(['import', 'reused-id.jsonl', '--db', 'sqlite:./target.db'])
    expect(run.code).toBe(EXIT_BAD_INPUT)
    expect(run.stderr).toContain(`nothing was written:\n  line 2: event id ${stored.id} is already stored as ${stored.subject} version ${stored.streamversion}\n`)
    expect(await exported()).toBe(before)
    writeLog('export.jsonl', [before])
    expect((await ws.run(['import', 'export.jsonl', '--db', 'sqlite:./target.db'])).stderr).toContain('imported 0 events')
  })

  it(`lists at most ${MAX_REPORTED_ERRORS} problems found against the database, then how many more`, async () => {
    const streams = MAX_REPORTED_ERRORS + 5
    writeLog('tails.jsonl', Array.from({ length: streams }, (_, n) => logLine({ streamId: `incident-${n}`, version: 2 })))
    const run = await ws.run(['import', 'tails.jsonl', '--db', 'sqlite:./target.db'])
    expect(run.code).toBe(EXIT_BAD_INPUT)
    expect(run.stderr.match(/^ {2}line \d+: version gap: /gm)).toHaveLength(MAX_REPORTED_ERRORS)
    expect(run.stderr).toMatch(/\n {2}… and 5 more\n$/)
  })

  it(`lists at most ${MAX_REPORTED_ERRORS} problems of the file's lines, then how many more`, async () => {
    writeLog('bad.jsonl', Array.from({ length: MAX_REPORTED_ERRORS + 5 }, () => '{bad'))
    const run = await ws.run(['import', 'bad.jsonl', '--db', 'sqlite:./target.db'])
    expect(run.code).toBe(EXIT_BAD_INPUT)
    expect(run.stderr.match(/^ {2}line \d+: invalid JSON /gm)).toHaveLength(MAX_REPORTED_ERRORS)
    expect(run.stderr).toMatch(/\n {2}line 20: invalid JSON [^\n]*\n {2}… and 5 more\n$/)
  })

  it('leaves no database behind when it refuses a file into a SQLite file that did not exist', async () => {
    writeLog('tail.jsonl', [logLine({ streamId: 'incident-a', version: 2 })])
    const run = await ws.run(['import', 'tail.jsonl', '--db', 'sqlite:./new.db'])
    expect(run.code).toBe(EXIT_BAD_INPUT)
    expect(run.stderr).toContain('tail.jsonl is not a valid event log; nothing was written:\n  line 1: version gap: ')
    for (const file of ['new.db', 'new.db-wal', 'new.db-shm']) expect(existsSync(join(ws.dir, file)), file).toBe(false)
  })
})

describePostgres('incident-kit import into PostgreSQL', () => {
  const schemas: string[] = []
  afterAll(() => dropSchemas(schemas))

  const newSchema = (label: string) => {
    const schema = uniqueSchema(label)
    schemas.push(schema)
    return { schema, url: `${POSTGRES_TEST_URL}?schema=${schema}` }
  }

  it('creates no schema when it refuses a file into a schema that did not exist, so a mistyped export is refused after it', async () => {
    const { schema, url } = newSchema('cli_import_refused')
    writeLog('tail.jsonl', [logLine({ streamId: 'incident-a', version: 2 })])
    const run = await ws.run(['import', 'tail.jsonl', '--db', url])
    expect(run.code).toBe(EXIT_BAD_INPUT)
    expect(run.stderr).toContain('tail.jsonl is not a valid event log; nothing was written:\n  line 1: version gap: ')
    expect(await schemaExists(schema)).toBe(false)
    expect((await ws.run(['export', '--db', url])).code).toBe(EXIT_FAILURE)
  })

  it('creates the schema of a good file and imports it', async () => {
    const { schema, url } = newSchema('cli_import_new')
    writeLog('log.jsonl', [logLine({ streamId: 'incident-a', version: 1 }), logLine({ streamId: 'incident-a', version: 2 })])
    const run = await ws.run(['import', 'log.jsonl', '--db', url])
    expect(run.code).toBe(EXIT_OK)
    expect(run.stderr).toContain('imported 2 events (0 already present) in 1 stream\n')
    expect(await schemaExists(schema)).toBe(true)
    expect(exportedLines((await ws.run(['export', '--db', url])).stdout).map((line) => line['subject'])).toEqual(['incident-a', 'incident-a'])
  })
})
