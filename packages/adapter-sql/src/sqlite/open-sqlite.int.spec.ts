import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DATABASE_UNREACHABLE } from '../database-unreachable.js'
import { createSqlEventStore } from '../sql-event-store.js'
import { temporaryDirectory } from '../testing/test-databases.js'

describe('opening a SQLite file it cannot use', () => {
  const files = temporaryDirectory('open-sqlite')
  afterAll(files.cleanup)

  it('refuses a file in a directory that does not exist with DATABASE_UNREACHABLE, naming the file and the directory, and creates neither', async () => {
    const missing = files.file('no-such-directory')
    const file = join(missing, 'ik.db')
    await expect(createSqlEventStore({ url: `sqlite:${file}` })).rejects.toMatchObject({
      code: DATABASE_UNREACHABLE,
      message: `cannot use the SQLite file ${file}: the directory ${missing} does not exist`,
    })
    expect(existsSync(missing)).toBe(false)
  })

  it("names the file and SQLite's reason when it cannot open it for another reason (a directory in its place)", async () => {
    const directory = files.file('a-directory.db')
    mkdirSync(directory)
    await expect(createSqlEventStore({ url: `sqlite:${directory}` })).rejects.toMatchObject({
      code: DATABASE_UNREACHABLE,
      message: `cannot use the SQLite file ${directory}: unable to open database file`,
    })
  })
})
