import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { NO_STREAM } from '@incident-kit/core'
import { newTestBatch } from '@incident-kit/core/testing'
import { createSqlEventStore } from './sql-event-store.js'
import { STORE_NOT_FOUND } from './store-not-found.js'
import { describePostgres, dropSchemas, POSTGRES_TEST_URL, schemaExists, temporaryDirectory, uniqueSchema } from './testing/test-databases.js'

describe('opening only an existing store (SQLite)', () => {
  const files = temporaryDirectory('existing')
  afterAll(files.cleanup)

  it('refuses a file that does not exist and creates none, and opens one that does', async () => {
    const file = files.file('typo.db')
    await expect(createSqlEventStore({ url: `sqlite:${file}`, existingOnly: true })).rejects.toMatchObject({
      code: STORE_NOT_FOUND,
      message: expect.stringContaining(file),
    })
    expect(existsSync(file)).toBe(false)
    const writer = await createSqlEventStore({ url: `sqlite:${file}` })
    await writer.appendToStream('incident-1', newTestBatch(2), { expectedVersion: NO_STREAM })
    await writer.close()
    const reader = await createSqlEventStore({ url: `sqlite:${file}`, existingOnly: true })
    expect(await reader.readStream('incident-1')).toHaveLength(2)
    await reader.close()
  })

  it('refuses a file that holds no store, an empty one or another application\'s database, and leaves it byte for byte as it was', async () => {
    const empty = files.file('empty.db')
    writeFileSync(empty, '')
    const unrelated = files.file('unrelated.db')
    const other = new Database(unrelated)
    other.exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('keep me')`)
    other.close()
    const text = files.file('notes.txt')
    writeFileSync(text, 'not a database, and long enough for SQLite to read its header: '.repeat(4))
    for (const [file, reason] of [[empty, 'holds no Incident Kit store'], [unrelated, 'holds no Incident Kit store'], [text, 'is not a SQLite database']] as const) {
      const before = readFileSync(file)
      await expect(createSqlEventStore({ url: `sqlite:${file}`, existingOnly: true }), file).rejects.toMatchObject({
        code: STORE_NOT_FOUND,
        message: expect.stringContaining(`${file} ${reason}`),
      })
      expect(readFileSync(file).equals(before), file).toBe(true)
      // No WAL switch either: it would have left these beside the file.
      expect([existsSync(`${file}-wal`), existsSync(`${file}-shm`)], file).toEqual([false, false])
    }
  })

  it('always opens sqlite::memory:', async () => {
    const store = await createSqlEventStore({ url: 'sqlite::memory:', existingOnly: true })
    expect(await store.readStream('incident-1')).toEqual([])
    await store.close()
  })
})

describePostgres('opening only an existing store (Postgres)', () => {
  const schemas: string[] = []
  afterAll(() => dropSchemas(schemas))

  it('refuses a schema that holds no store and creates nothing, and opens one that does', async () => {
    const [missing, store] = [uniqueSchema('typo'), uniqueSchema('existing')]
    schemas.push(missing, store)
    await expect(createSqlEventStore({ url: POSTGRES_TEST_URL, schema: missing, existingOnly: true })).rejects.toMatchObject({
      code: STORE_NOT_FOUND,
      message: expect.stringContaining(missing),
    })
    expect(await schemaExists(missing)).toBe(false)
    const writer = await createSqlEventStore({ url: POSTGRES_TEST_URL, schema: store })
    await writer.appendToStream('incident-1', newTestBatch(1), { expectedVersion: NO_STREAM })
    await writer.close()
    const reader = await createSqlEventStore({ url: POSTGRES_TEST_URL, schema: store, existingOnly: true })
    expect(await reader.readStream('incident-1')).toHaveLength(1)
    await reader.close()
  })

  it('refuses a schema that exists but holds no store, such as an empty public', async () => {
    const empty = uniqueSchema('empty')
    schemas.push(empty)
    const client = new pg.Client({ connectionString: POSTGRES_TEST_URL })
    await client.connect()
    await client.query(`CREATE SCHEMA "${empty}"`).finally(() => client.end())
    await expect(createSqlEventStore({ url: POSTGRES_TEST_URL, schema: empty, existingOnly: true })).rejects.toMatchObject({ code: STORE_NOT_FOUND })
  })
})
