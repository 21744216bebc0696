import { accessSync, constants, existsSync } from 'node:fs'
import { dirname } from 'node:path'

/** `fs.accessSync`'s shape: throws when `path` does not allow `mode`. Tests pass their own (root may write anything). */
export type AccessCheck = (path: string, mode: number) => void

/** SQLite's messages for SQLITE_READONLY and for SQLITE_CANTOPEN (a -shm file it may not create). */
const REFUSAL_MESSAGES = ['attempt to write a readonly database', 'unable to open database file']

/** An error and its causes, outermost first: adapter-sql wraps SQLite's (DATABASE_UNREACHABLE, MIGRATION_FAILED). */
const causeChain = (error: unknown): unknown[] => {
  const chain: unknown[] = []
  for (let current = error; typeof current === 'object' && current !== null && !chain.includes(current); current = (current as { cause?: unknown }).cause) {
    chain.push(current)
  }
  return chain
}

/**
 * Whether SQLite refused to write, or to open, somewhere in `error`'s chain: a `SQLITE_READONLY*`
 * or `SQLITE_CANTOPEN*` code, or their messages (adapter-sql repeats them in its own).
 *
 * @example
 * isSqliteWriteRefusal(Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY_DIRECTORY' })) // true
 */
export const isSqliteWriteRefusal = (error: unknown): boolean =>
  causeChain(error).some((link) => {
    const { code, message } = link as { code?: unknown; message?: unknown }
    if (typeof code === 'string' && (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN'))) return true
    return typeof message === 'string' && REFUSAL_MESSAGES.some((refusal) => message.includes(refusal))
  })

const allows = (access: AccessCheck, path: string, mode: number) => {
  try {
    access(path, mode)
    return true
  } catch {
    return false
  }
}

export interface ReadOnlySqliteOptions {
  /** The command only reads (`export`, `report`, the source of `copy`): the message says that needs write access too. */
  readonly onlyReads: boolean
  readonly access?: AccessCheck
}

/**
 * Why the store of an existing SQLite `file` could not be opened, when SQLite refused to write
 * (`isSqliteWriteRefusal`) because this user may read the file but not write it or its directory:
 * the store writes even to read (WAL mode keeps -wal and -shm files beside the database, and the
 * store migrates on opening). None for any other failure, so that SQLite's own message stays (a
 * file that cannot be read, one that does not exist, a refusal the permissions do not explain).
 *
 * @example
 * readOnlySqliteProblem('/backup/ik.db', error, { onlyReads: true })
 * // 'its directory /backup is read-only for this user, and the store needs write access even to read …'
 */
export const readOnlySqliteProblem = (file: string, error: unknown, { onlyReads, access = accessSync }: ReadOnlySqliteOptions): string | undefined => {
  if (!isSqliteWriteRefusal(error) || !existsSync(file) || !allows(access, file, constants.R_OK)) return undefined
  const directory = dirname(file)
  const [fileReadOnly, directoryReadOnly] = [!allows(access, file, constants.W_OK), !allows(access, directory, constants.W_OK)]
  if (!fileReadOnly && !directoryReadOnly) return undefined
  const readOnly = fileReadOnly && directoryReadOnly ? `the file and its directory ${directory} are` : fileReadOnly ? 'the file is' : `its directory ${directory} is`
  const needs = onlyReads
    ? 'the store needs write access even to read (SQLite in WAL mode writes -wal and -shm files beside the database)'
    : 'the store needs write access'
  const copy = onlyReads ? ', or copy the file with its -wal and -shm files and read the copy' : ''
  return `${readOnly} read-only for this user, and ${needs}. Run the command as the user that owns the database${copy}`
}
