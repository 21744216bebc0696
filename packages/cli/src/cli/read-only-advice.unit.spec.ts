import type * as Fs from 'node:fs'
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type * as AdapterSql from '@incident-kit/adapter-sql'
import { EXIT_FAILURE, EXIT_OK } from './cli-errors.js'
import { tempWorkspace, type TempWorkspace } from '../testing/temp-workspace.js'

/*
 * Tests run as root, who may write any file whatever chmod says: SQLite's refusal and the
 * permissions that explain it are stood in for. Opening `readonly.db` fails as SQLite fails on a
 * file this user may read but not write, and its directory counts as read-only.
 */
const readOnly = vi.hoisted(() => ({ file: '' }))
vi.mock('@incident-kit/adapter-sql', async (importOriginal) => {
  const original = await importOriginal<typeof AdapterSql>()
  return {
    ...original,
    createSqlEventStore: (async (options) => {
      if (readOnly.file !== '' && options.url === `sqlite:${readOnly.file}`) {
        throw Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' })
      }
      return original.createSqlEventStore(options)
    }) as typeof original.createSqlEventStore,
  }
})
vi.mock('node:fs', async (importOriginal) => {
  const original = await importOriginal<typeof Fs>()
  return {
    ...original,
    accessSync: (path: string, mode?: number) => {
      if (readOnly.file !== '' && path === dirname(readOnly.file) && mode !== undefined && (mode & original.constants.W_OK) !== 0) {
        throw Object.assign(new Error(`EACCES: permission denied, access '${path}'`), { code: 'EACCES' })
      }
      original.accessSync(path, mode)
    },
  }
})

const READING = 'the store needs write access even to read'
const WRITING = 'the store needs write access. Run the command as the user that owns the database\n'

let ws: TempWorkspace
beforeEach(async () => {
  ws = tempWorkspace()
  expect((await ws.run(['demo', '--db', 'sqlite:./source.db'])).code).toBe(EXIT_OK)
  writeFileSync(join(ws.dir, 'readonly.db'), '')
  readOnly.file = join(ws.dir, 'readonly.db')
})
afterEach(() => {
  readOnly.file = ''
  ws.remove()
})

describe('a SQLite file this user may read but not write', () => {
  it('is explained as needing write access even to read, to a command that only reads', async () => {
    const runs = {
      export: await ws.run(['export', '--db', 'sqlite:./readonly.db']),
      report: await ws.run(['report', '--team', 'ops', '--format', 'json', '--db', 'sqlite:./readonly.db']),
      'copy from': await ws.run(['copy', '--db', 'sqlite:./readonly.db', '--to', 'sqlite:./target.db']),
    }
    for (const [command, run] of Object.entries(runs)) {
      expect(run.code, command).toBe(EXIT_FAILURE)
      expect(run.stderr, command).toContain(READING)
      expect(run.stderr, command).toContain('read the copy')
    }
  })

  it('is explained as needing write access, without the advice for reading, to a command that writes', async () => {
    const log = await ws.run(['export', '--db', 'sqlite:./source.db'])
    writeFileSync(join(ws.dir, 'log.jsonl'), log.stdout)
    const runs = {
      import: await ws.run(['import', 'log.jsonl', '--db', 'sqlite:./readonly.db']),
      'copy to': await ws.run(['copy', '--db', 'sqlite:./source.db', '--to', 'sqlite:./readonly.db']),
    }
    for (const [command, run] of Object.entries(runs)) {
      expect(run.code, command).toBe(EXIT_FAILURE)
      expect(run.stderr, command).toContain(`its directory ${ws.dir} is read-only for this user, and ${WRITING}`)
      expect(run.stderr, command).not.toContain('even to read')
    }
  })
})
