import { existsSync, statSync } from 'node:fs'
import { sqliteFileOf } from './open-store.js'

/** The SQLite file a URL names, if it names one that exists. */
const existingSqliteFile = async (url: string) => {
  const file = await sqliteFileOf(url)
  return file !== undefined && existsSync(file) ? file : undefined
}

/**
 * Whether two database URLs name the same database: the same URL, or two spellings of one SQLite
 * file (a symlink, a hard link), told by the file's device and inode. PostgreSQL URLs are compared
 * as written: `localhost` and `127.0.0.1`, or a server's two names, are one server only the
 * server could tell, over a connection.
 *
 * @example
 * await namesSameDatabase('sqlite:/srv/ik.db', 'sqlite:/srv/link-to-ik.db') // true
 */
export const namesSameDatabase = async (a: string, b: string): Promise<boolean> => {
  if (a === b) return true
  const [fileA, fileB] = await Promise.all([existingSqliteFile(a), existingSqliteFile(b)])
  if (fileA === undefined || fileB === undefined) return false
  const [statA, statB] = [statSync(fileA), statSync(fileB)]
  return statA.dev === statB.dev && statA.ino === statB.ino
}
