import { existsSync, linkSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BOT_LEADER_LOCK } from '@incident-kit/adapter-mattermost'
import { createSqlEventStore } from '@incident-kit/adapter-sql'
import { describePostgres, dropSchemas, POSTGRES_TEST_URL, schemaExists, uniqueSchema } from '@incident-kit/adapter-sql/testing'
import { EXIT_BAD_INPUT, EXIT_CONFIGURATION, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../cli/cli-errors.js'
import { exportedLines } from '../testing/exported-lines.js'
import { logLine } from '../testing/log-lines.js'
import { tempWorkspace, type TempWorkspace } from '../testing/temp-workspace.js'

let ws: TempWorkspace
beforeEach(() => {
  ws = tempWorkspace()
})
afterEach(() => ws.remove())

/** The exported log as `export` prints it: a copy keeps everything in it (positions are not part of it). */
const exportedText = async (db: string) => {
  const run = await ws.run(['export', '--db', db])
  expect(run.code).toBe(EXIT_OK)
  return run.stdout
}

const exported = async (db: string) => exportedLines(await exportedText(db))

/** Imports log lines into a new SQLite file of the workspace. */
const importInto = async (db: string, lines: readonly string[]) => {
  writeFileSync(join(ws.dir, 'lines.jsonl'), lines.join('\n'))
  expect((await ws.run(['import', 'lines.jsonl', '--db', db])).code).toBe(EXIT_OK)
}

/** A line of `logLine` under another event id. */
const withId = (line: string, id: string) => JSON.stringify({ ...(JSON.parse(line) as object), id })

describe('incident-kit copy', () => {
  it('copies the store into another database, then only what is missing', async () => {
    expect((await ws.run(['demo', '--db', 'sqlite:./a.db'])).code).toBe(EXIT_OK)
    const source = await exported('sqlite:./a.db')
    const first = await ws.run(['copy', '--db', 'sqlite:./a.db', '--to', 'sqlite:./b.db'])
    expect(first.code).toBe(EXIT_OK)
    const streams = new Set(source.map((line) => line['subject'])).size
    expect(first.stderr).toBe(`copied ${source.length} events (0 already present) in ${streams} streams and 0 checkpoints to sqlite:${join(ws.dir, 'b.db')}\n`)
    expect(await exportedText('sqlite:./b.db')).toBe(await exportedText('sqlite:./a.db'))
    const again = await ws.run(['copy', '--db', 'sqlite:./a.db', '--to', 'sqlite:./b.db'])
    expect(again.stderr).toContain(`copied 0 events (${source.length} already present)`)
  })

  it('refuses an event id the target holds in another stream before writing anything', async () => {
    await importInto('sqlite:./a.db', [logLine({ streamId: 'incident-new', version: 1 }), withId(logLine({ streamId: 'incident-x', version: 1 }), 'shared-id')])
    await importInto('sqlite:./b.db', [withId(logLine({ streamId: 'incident-y', version: 1 }), 'shared-id')])
    const before = await exportedText('sqlite:./b.db')
    const run = await ws.run(['copy', '--db', 'sqlite:./a.db', '--to', 'sqlite:./b.db'])
    expect(run.code).toBe(EXIT_BAD_INPUT)
    expect(run.stderr).toContain('nothing was written (line N is the N-th event of `export` from the source):\n  line 2: event id shared-id is already stored as incident-y version 1\n')
    expect(await exportedText('sqlite:./b.db')).toBe(before)
  })

  it('refuses while a bot leads on the source, and writes nothing, not even a new target file', async () => {
    expect((await ws.run(['demo', '--db', 'sqlite:./a.db'])).code).toBe(EXIT_OK)
    const bot = await createSqlEventStore({ url: `sqlite:${join(ws.dir, 'a.db')}` })
    const lock = await bot.tryLock(BOT_LEADER_LOCK)
    try {
      const run = await ws.run(['copy', '--db', 'sqlite:./a.db', '--to', 'sqlite:./b.db'])
      expect(run.code).toBe(EXIT_FAILURE)
      expect(run.stderr).toContain(`a bot is running on sqlite:${join(ws.dir, 'a.db')}: stop every bot replica before copying`)
      // Not even the target's new file is left behind.
      expect(['b.db', 'b.db-wal', 'b.db-shm'].filter((file) => existsSync(join(ws.dir, file)))).toEqual([])
    } finally {
      await lock?.release()
      await bot.close()
    }
  })

  it('refuses to copy a database onto itself, and needs --to', async () => {
    const onto = await ws.run(['copy', '--db', 'sqlite:./a.db', '--to', `sqlite:${join(ws.dir, 'a.db')}`])
    expect(onto.code).toBe(EXIT_USAGE)
    expect(onto.stderr).toContain('--to names the database being copied')
    expect((await ws.run(['copy', '--db', 'sqlite:./a.db'])).code).toBe(EXIT_USAGE)
  })

  it('refuses to copy a SQLite file onto itself through a symbolic or hard link', async () => {
    expect((await ws.run(['demo', '--db', 'sqlite:./a.db'])).code).toBe(EXIT_OK)
    symlinkSync(join(ws.dir, 'a.db'), join(ws.dir, 'symlink.db'))
    linkSync(join(ws.dir, 'a.db'), join(ws.dir, 'hardlink.db'))
    for (const link of ['symlink.db', 'hardlink.db']) {
      const run = await ws.run(['copy', '--db', 'sqlite:./a.db', '--to', `sqlite:./${link}`])
      expect(run.code, link).toBe(EXIT_USAGE)
      expect(run.stderr).toBe(`incident-kit: --to names the database being copied (sqlite:${join(ws.dir, 'a.db')})\n`)
    }
  })

  it('names --to when its URL is malformed', async () => {
    const run = await ws.run(['copy', '--db', 'sqlite:./a.db', '--to', 'mysql://x'])
    expect(run.code).toBe(EXIT_CONFIGURATION)
    expect(run.stderr).toMatch(/^incident-kit: --to: unsupported database URL "mysql:\/\/x"/)
  })
})

describePostgres('incident-kit copy to PostgreSQL', () => {
  const schemas: string[] = []
  afterAll(() => dropSchemas(schemas))

  it('copies a SQLite store into a Postgres schema named in the URL', async () => {
    const schema = uniqueSchema('cli-copy')
    schemas.push(schema)
    const target = `${POSTGRES_TEST_URL}?schema=${schema}`
    expect((await ws.run(['demo', '--db', 'sqlite:./a.db'])).code).toBe(EXIT_OK)
    const copied = await ws.run(['copy', '--db', 'sqlite:./a.db', '--to', target])
    expect(copied.code).toBe(EXIT_OK)
    // Equal as JSON values, not byte for byte: jsonb keeps no key order inside `data`.
    expect(await exported(target)).toEqual(await exported('sqlite:./a.db'))
  })

  it('creates no schema when it refuses to copy into a schema that did not exist', async () => {
    const schema = uniqueSchema('cli-copy-refused')
    schemas.push(schema)
    const target = `${POSTGRES_TEST_URL}?schema=${schema}`
    await importInto('sqlite:./a.db', [logLine({ streamId: 'incident-a', version: 1 })])
    const bot = await createSqlEventStore({ url: `sqlite:${join(ws.dir, 'a.db')}` })
    const lock = await bot.tryLock(BOT_LEADER_LOCK)
    try {
      expect((await ws.run(['copy', '--db', 'sqlite:./a.db', '--to', target])).code).toBe(EXIT_FAILURE)
    } finally {
      await lock?.release()
      await bot.close()
    }
    expect(await schemaExists(schema)).toBe(false)
  })

  it('refuses a PostgreSQL source named under another host name at its bot lock, saying that it may be the source', async (context) => {
    const schema = uniqueSchema('cli-copy-alias')
    schemas.push(schema)
    const source = `${POSTGRES_TEST_URL}?schema=${schema}`
    const url = new URL(source)
    const other = url.hostname === 'localhost' ? '127.0.0.1' : url.hostname === '127.0.0.1' ? 'localhost' : undefined
    if (other === undefined) context.skip()
    expect((await ws.run(['demo', '--db', source])).code).toBe(EXIT_OK)
    url.hostname = other!
    const run = await ws.run(['copy', '--db', source, '--to', url.toString()])
    expect(run.code).toBe(EXIT_FAILURE)
    expect(run.stderr).toContain('(or --to names the database being copied under another host name): stop every bot replica before copying')
  })
})
