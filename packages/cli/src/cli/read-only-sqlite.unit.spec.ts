import { constants, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { IncidentKitError } from '@incident-kit/core'
import { isSqliteWriteRefusal, readOnlySqliteProblem, type AccessCheck } from './read-only-sqlite.js'

const dir = mkdtempSync(join(tmpdir(), 'incident-kit-read-only-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const file = join(dir, 'ik.db')
const created = new Database(file)
created.exec('CREATE TABLE ik_events (position INTEGER)')
created.close()

/** better-sqlite3's genuine error for a write on a connection SQLite holds read-only (as it does a file it may not write). */
const readOnlyError = (() => {
  const connection = new Database(file, { readonly: true })
  try {
    connection.exec('CREATE TABLE written (x)')
  } catch (error) {
    return error as Error & { code: string }
  } finally {
    connection.close()
  }
  throw new Error('the write on a read-only connection succeeded')
})()

/** `fs.accessSync` of a user who may read everything and write all but `readOnly` (root writes anywhere, whatever chmod says). */
const accessWithout =
  (...readOnly: string[]): AccessCheck =>
  (path, mode) => {
    if ((mode & constants.W_OK) !== 0 && readOnly.includes(path)) throw Object.assign(new Error(`EACCES: permission denied, access '${path}'`), { code: 'EACCES' })
  }

describe('a SQLite file this user may not write', () => {
  it('recognises better-sqlite3 refusing a write, also wrapped by adapter-sql', () => {
    expect(readOnlyError).toMatchObject({ code: 'SQLITE_READONLY', message: 'attempt to write a readonly database' })
    expect(isSqliteWriteRefusal(readOnlyError)).toBe(true)
    expect(isSqliteWriteRefusal(new IncidentKitError('MIGRATION_FAILED', `store migration setup failed: ${String(readOnlyError)}`, { cause: readOnlyError }))).toBe(true)
    expect(isSqliteWriteRefusal(Object.assign(new Error('unable to open database file'), { code: 'SQLITE_CANTOPEN' }))).toBe(true)
    expect(isSqliteWriteRefusal(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }))).toBe(false)
  })

  it('says which is read-only, that the store writes even to read, and what to do', () => {
    const unreachable = new IncidentKitError('DATABASE_UNREACHABLE', `cannot use the SQLite file ${file}: ${readOnlyError.message}`, { cause: readOnlyError })
    const reading = { onlyReads: true }
    expect(readOnlySqliteProblem(file, readOnlyError, { ...reading, access: accessWithout(dir) })).toBe(
      `its directory ${dir} is read-only for this user, and the store needs write access even to read (SQLite in WAL mode writes -wal and -shm files beside the database). ` +
        'Run the command as the user that owns the database, or copy the file with its -wal and -shm files and read the copy',
    )
    expect(readOnlySqliteProblem(file, unreachable, { ...reading, access: accessWithout(file) })).toMatch(/^the file is read-only for this user, and the store needs write access even to read /)
    expect(readOnlySqliteProblem(file, readOnlyError, { ...reading, access: accessWithout(file, dirname(file)) })).toMatch(/^the file and its directory \S+ are read-only/)
    expect(readOnlySqliteProblem(file, readOnlyError, { onlyReads: false, access: accessWithout(dir) })).toBe(
      `its directory ${dir} is read-only for this user, and the store needs write access. Run the command as the user that owns the database`,
    )
  })

  it("keeps SQLite's message when the permissions do not explain it: writable, unreadable, missing, or another error", () => {
    const reading = { onlyReads: true }
    expect(readOnlySqliteProblem(file, readOnlyError, { ...reading, access: accessWithout() })).toBeUndefined()
    const unreadable: AccessCheck = () => {
      throw new Error('EACCES')
    }
    expect(readOnlySqliteProblem(file, readOnlyError, { ...reading, access: unreadable })).toBeUndefined()
    expect(readOnlySqliteProblem(join(dir, 'missing.db'), readOnlyError, { ...reading, access: accessWithout(dir) })).toBeUndefined()
    expect(readOnlySqliteProblem(file, new Error('disk I/O error'), { ...reading, access: accessWithout(dir) })).toBeUndefined()
  })
})
