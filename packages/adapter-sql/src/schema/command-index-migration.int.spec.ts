import { Migrator, sql } from 'kysely'
import { afterAll, expect, it } from 'vitest'
import { ANY } from '@incident-kit/core'
import { newTestBatch } from '@incident-kit/core/testing'
import { openPostgres } from '../postgres/open-postgres.js'
import { createSqlEventStore } from '../sql-event-store.js'
import { describePostgres, dropSchemas, POSTGRES_TEST_URL, uniqueSchema } from '../testing/test-databases.js'
import { storeMigrations } from './migrations.js'

describePostgres('0004 on PostgreSQL', () => {
  const schemas: string[] = []
  afterAll(() => dropSchemas(schemas))

  /** A log as a release before 0004 left it: two commands of one stream, indexed per event. */
  const logBefore0004 = async (schema: string) => {
    const { db } = await openPostgres({ connectionString: POSTGRES_TEST_URL, schema })
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => storeMigrations('postgres') },
      migrationTableName: 'ik_migration',
      migrationLockTableName: 'ik_migration_lock',
      migrationTableSchema: schema,
    })
    expect((await migrator.migrateTo('0003_position_without_autoincrement')).error).toBeUndefined()
    const commands = [newTestBatch(3), newTestBatch(2)]
    const rows = commands.flatMap((batch, c) => batch.map((event, seq) => ({ event, seq, version: c * 3 + seq + 1 })))
    for (const { event, seq, version } of rows) {
      await sql`INSERT INTO ik_events (event_id, stream_id, version, type, data, occurred_at, recorded_at, actor_id, command_id, command_seq, correlation_id, schema_version)
        VALUES (${event.id}, 'incident-before', ${version}, ${event.type}, ${JSON.stringify(event.data)}, ${event.occurredAt}, ${event.occurredAt}, ${event.actorId},
          ${event.commandId}, ${seq}, ${event.correlationId}, 1)`.execute(db)
    }
    await db.destroy()
    return commands
  }

  it('keeps recognising the commands of an existing log by their first event', async () => {
    const schema = uniqueSchema('command-index')
    schemas.push(schema)
    const commands = await logBefore0004(schema)

    const store = await createSqlEventStore({ url: POSTGRES_TEST_URL, schema })
    for (const batch of commands) {
      expect((await store.readByCommandId(batch[0]!.commandId)).map((e) => e.id)).toEqual(batch.map((e) => e.id))
      const again = await store.appendToStream('incident-before', newTestBatch(1, { commandId: batch[0]!.commandId }), { expectedVersion: ANY })
      expect(again.duplicate).toBe(true)
      expect(again.events.map((e) => e.id)).toEqual(batch.map((e) => e.id))
    }
    const next = await store.appendToStream('incident-before', newTestBatch(2), { expectedVersion: ANY })
    expect(next.events.map((e) => e.version)).toEqual([6, 7])
    expect(await store.readStream('incident-before')).toHaveLength(7)
    await store.close()
  })
})
