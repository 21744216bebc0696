import { Migrator } from 'kysely'
import { afterAll, expect, it } from 'vitest'
import { ANY, readWholeLog } from '@incident-kit/core'
import { newTestBatch } from '@incident-kit/core/testing'
import { openSqlite } from '../sqlite/open-sqlite.js'
import { createSqlEventStore } from '../sql-event-store.js'
import { temporaryDirectory } from '../testing/test-databases.js'
import { storeMigrations } from './migrations.js'

const directory = temporaryDirectory('position-migration')
afterAll(() => directory.cleanup())

/** A SQLite log as a release before 0003 left it: migrated to 0002, with AUTOINCREMENT positions. */
const logBefore0003 = async (file: string) => {
  const { sqlite, db } = await openSqlite({ filename: file })
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => storeMigrations('sqlite') },
    migrationTableName: 'ik_migration',
    migrationLockTableName: 'ik_migration_lock',
  })
  expect((await migrator.migrateTo('0002_subscriber_state')).error).toBeUndefined()
  const insert = sqlite.prepare(`INSERT INTO ik_events (event_id, stream_id, version, type, data, occurred_at, recorded_at, actor_id,
    command_id, command_seq, correlation_id, schema_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  newTestBatch(3).forEach((event, seq) =>
    insert.run(event.id, 'incident-before', seq + 1, event.type, JSON.stringify(event.data), event.occurredAt, event.occurredAt, event.actorId, event.commandId, seq, event.correlationId, 1),
  )
  const rows = sqlite.prepare('SELECT position, event_id FROM ik_events ORDER BY position').all() as Array<{ position: number; event_id: string }>
  await db.destroy()
  return rows
}

it('0003 keeps every event of an existing SQLite log at its position, and later positions keep rising', async () => {
  const file = directory.file('before-0003.db')
  const before = await logBefore0003(file)

  const store = await createSqlEventStore({ url: `sqlite:${file}` })
  const migrated = await readWholeLog(store)
  expect(migrated.map((e) => [Number(e.position), e.id])).toEqual(before.map((row) => [row.position, row.event_id]))
  const appended = await store.appendToStream('incident-after', newTestBatch(2), { expectedVersion: ANY })
  const positions = [...migrated, ...appended.events].map((e) => e.position)
  expect(positions).toEqual([...positions].sort())
  expect(new Set(positions).size).toBe(positions.length)
  const ddl = await store.transact(async (tx) => (await tx.db.selectFrom('sqlite_master').select('sql').where('name', '=', 'ik_events').executeTakeFirstOrThrow()).sql)
  expect(ddl).not.toMatch(/autoincrement/i)
  await store.close()
})
