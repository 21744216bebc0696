import { chmodSync, existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { describePostgres, dropSchemas, POSTGRES_TEST_URL, uniqueSchema } from '@incident-kit/adapter-sql/testing'
import { createSqlEventStore } from '@incident-kit/adapter-sql'
import { NO_STREAM } from '@incident-kit/core'
import { newTestBatch } from '@incident-kit/core/testing'
import { EXIT_FAILURE, EXIT_OK } from './cli-errors.js'
import { removeSqliteFile } from './open-store.js'
import { tempWorkspace, type TempWorkspace } from '../testing/temp-workspace.js'

let ws: TempWorkspace
beforeEach(() => {
  ws = tempWorkspace()
})
afterEach(() => ws.remove())

describe('opening the database', () => {
  it('refuses a SQLite file that does not exist for a command that only reads, and creates none', async () => {
    const typo = join(ws.dir, 'typo.db')
    const runs = {
      export: await ws.run(['export', '--db', 'sqlite:./typo.db']),
      report: await ws.run(['report', '--team', 'ops', '--format', 'json', '--db', 'sqlite:./typo.db']),
      'copy from': await ws.run(['copy', '--db', 'sqlite:./typo.db', '--to', 'sqlite:./target.db']),
    }
    for (const [command, run] of Object.entries(runs)) {
      expect(run.code, command).toBe(EXIT_FAILURE)
      expect(run.stderr, command).toBe(`incident-kit: cannot open the database sqlite:${typo}: the SQLite file ${typo} does not exist, and a command that only reads creates none (check the path or schema)\n`)
    }
    expect(existsSync(typo)).toBe(false)
    expect(existsSync(join(ws.dir, 'target.db'))).toBe(false)
  })

  it('removes a new SQLite file a refused command created, but keeps one that holds an event by then', async () => {
    const [empty, written] = [join(ws.dir, 'empty.db'), join(ws.dir, 'written.db')]
    await (await createSqlEventStore({ url: `sqlite:${empty}` })).close()
    const other = await createSqlEventStore({ url: `sqlite:${written}` })
    await other.appendToStream('incident-1', newTestBatch(1), { expectedVersion: NO_STREAM })
    await other.close()
    await removeSqliteFile(empty)
    await removeSqliteFile(written)
    expect(['empty.db', 'empty.db-wal', 'empty.db-shm'].filter((file) => existsSync(join(ws.dir, file)))).toEqual([])
    expect(existsSync(written)).toBe(true)
  })

  it('reads sqlite::memory:, which is no file, and creates the file of a command that writes', async () => {
    const memory = await ws.run(['export', '--db', 'sqlite::memory:'])
    expect(memory.code, memory.stderr).toBe(EXIT_OK)
    expect(memory.stderr).toBe('exported 0 events\n')
    expect((await ws.run(['playbooks', 'seed', '--team', 'ops', '--db', 'sqlite:./new.db'])).code).toBe(EXIT_OK)
    expect((await ws.run(['export', '--db', 'sqlite:./new.db'])).code).toBe(EXIT_OK)
  })

  // Root writes whatever chmod says: there, read-only-sqlite.unit.spec.ts checks the message on SQLite's genuine error.
  const runsAsRoot = process.getuid?.() === 0
  if (runsAsRoot) console.warn('open-store.int.spec.ts: skipping the read-only SQLite file test, as root (chmod does not stop root writing)')
  it.skipIf(runsAsRoot)('says a SQLite file the user may not write (nor its directory) is read-only, for a command that only reads (skipped as root)', async () => {
    const dir = join(ws.dir, 'backup')
    mkdirSync(dir)
    const file = join(dir, 'ik.db')
    const store = await createSqlEventStore({ url: `sqlite:${file}` })
    await store.appendToStream('incident-1', newTestBatch(1), { expectedVersion: NO_STREAM })
    await store.close()
    chmodSync(file, 0o444)
    chmodSync(dir, 0o555)
    try {
      const runs = {
        export: await ws.run(['export', '--db', 'sqlite:./backup/ik.db']),
        report: await ws.run(['report', '--team', 'ops', '--format', 'json', '--db', 'sqlite:./backup/ik.db']),
        'copy from': await ws.run(['copy', '--db', 'sqlite:./backup/ik.db', '--to', 'sqlite:./target.db']),
      }
      for (const [command, run] of Object.entries(runs)) {
        expect(run.code, command).toBe(EXIT_FAILURE)
        expect(run.stderr, command).toBe(
          `incident-kit: cannot open the database sqlite:${file}: the file and its directory ${dir} are read-only for this user, and the store needs write access even to read ` +
            '(SQLite in WAL mode writes -wal and -shm files beside the database). Run the command as the user that owns the database, or copy the file with its -wal and -shm files and read the copy\n',
        )
      }
    } finally {
      chmodSync(dir, 0o755)
    }
  })

  it('names an unreachable PostgreSQL once, with its password hidden', async () => {
    const run = await ws.run(['export', '--db', 'postgres://ik:secret@127.0.0.1:1/incidents'])
    expect(run.code).toBe(EXIT_FAILURE)
    expect(run.stderr).toMatch(/^incident-kit: cannot use postgres:\/\/ik:\*\*\*@127\.0\.0\.1:1\/incidents: \S/)
    expect(run.stderr.match(/postgres:\/\//g)).toHaveLength(1)
  })
})

describePostgres('opening a PostgreSQL database for a command that only reads', () => {
  const schemas: string[] = []
  afterAll(() => dropSchemas(schemas))

  it('refuses a schema that holds no store, and creates none', async () => {
    const typo = uniqueSchema('cli_typo')
    schemas.push(typo)
    const url = `${POSTGRES_TEST_URL}?schema=${typo}`
    // Twice: had the first run created the store, the second would export it (0 events) instead.
    for (const run of [await ws.run(['export', '--db', url]), await ws.run(['report', '--team', 'ops', '--format', 'json', '--db', url])]) {
      expect(run.code).toBe(EXIT_FAILURE)
      expect(run.stderr).toContain(`schema "${typo}"`)
      expect(run.stderr).toContain('a command that only reads creates none')
    }
  })
})
