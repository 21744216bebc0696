import pg from 'pg'
import { expect, it } from 'vitest'
import { START } from '@incident-kit/core'
import { eventually } from '@incident-kit/core/testing'
import { createSqlEventStore } from './sql-event-store.js'
import { STORE_CLOSED } from './store-closed.js'
import { describeEachDatabase, POSTGRES_TEST_URL, type TestDatabase } from './testing/test-databases.js'

/** The database's sessions of one application (its `?application_name=`): a Postgres lock holds one. */
const sessionsOf = async (applicationName: string) => {
  const admin = new pg.Client({ connectionString: POSTGRES_TEST_URL })
  admin.on('error', () => undefined)
  await admin.connect()
  try {
    return (await admin.query('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [applicationName])).rowCount ?? 0
  } finally {
    await admin.end()
  }
}

/** The database with its Postgres connections marked by the schema's name, to count them. */
const marked = (database: TestDatabase): TestDatabase =>
  database.dialect === 'postgres' ? { ...database, url: `${database.url}?application_name=${database.schema!}` } : database

describeEachDatabase('closing the store', (fresh) => {
  it('gives back the lock of a tryLock still running, which resolves undefined, and leaves no session behind', async () => {
    const database = fresh()
    const store = await createSqlEventStore(marked(database))
    const taking = store.tryLock('notifier')
    await store.close()
    expect(await taking).toBeUndefined()
    const other = await createSqlEventStore(database)
    const lock = await other.tryLock('notifier')
    expect(lock).toBeDefined()
    await lock!.release()
    await other.close()
    if (database.dialect === 'postgres') await eventually(async () => (await sessionsOf(database.schema!)) === 0)
  })

  it('refuses subscriptions and locks after close with STORE_CLOSED, opening nothing', async () => {
    const database = fresh()
    const store = await createSqlEventStore(marked(database))
    await store.close()
    const refusal = (operation: string) => expect.objectContaining({ code: STORE_CLOSED, message: expect.stringContaining(operation) })
    expect(() => store.subscribe({ after: START, handler: () => undefined })).toThrow(refusal('subscribe'))
    expect(() => store.subscribeAtLeastOnce({ subscriber: 'notifier', handler: () => undefined })).toThrow(refusal('subscribeAtLeastOnce'))
    expect(() => store.subscribeExactlyOnce({ subscriber: 'view', handler: async () => undefined })).toThrow(refusal('subscribeExactlyOnce'))
    await expect(store.tryLock('notifier')).rejects.toEqual(refusal('tryLock'))
    if (database.dialect === 'postgres') await eventually(async () => (await sessionsOf(database.schema!)) === 0)
  })
})
