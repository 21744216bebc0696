import { afterEach, describe, expect, it } from 'vitest'
import { createSqlEventStore, type SqlEventStore } from '@incident-kit/adapter-sql'
import { cutConnections, describePostgres, dropSchemas, POSTGRES_TEST_URL, uniqueSchema } from '@incident-kit/adapter-sql/testing'
import { freePort, skipWithoutSharedSpec } from '../fake-mattermost/index.js'
import { eventPosts, eventually, expectNoDuplicatePosts, seedUsers, slashTo, startHarness, startIncidentThroughDialog, type Harness } from './bot-harness.js'

describe.skipIf(skipWithoutSharedSpec('bot on PostgreSQL end to end'))('the bot on PostgreSQL', { timeout: 40_000 }, () => {
  describePostgres('two replicas', () => {
    let h: Harness | undefined
    let store: SqlEventStore | undefined
    const schema = uniqueSchema('bot')
    afterEach(async (context) => {
      if (context.task.result?.state === 'fail') console.log(h?.logs.join('\n'))
      await h?.close()
      await store?.close()
      await dropSchemas([schema])
    })

    it('go on after the database cuts every connection: one leads, every message is posted, none twice', async () => {
      // The application name marks this store's connections (pool, listener, locks) for the cut.
      store = await createSqlEventStore({ url: `${POSTGRES_TEST_URL}?application_name=${schema}`, schema, pollIntervalMs: 100 })
      h = await startHarness({ storage: { store, checkpoints: store.checkpoints } })
      const harness = h
      const [alice] = seedUsers(harness, 'alice')
      const first = await harness.startBot({ locks: store })
      const secondPort = await freePort()
      const second = await harness.startBot({ locks: store, port: secondPort })
      await eventually(() => first.isLeader() || second.isLeader())
      const channelId = await startIncidentThroughDialog(harness, alice!, { name: 'Database failover' })

      expect(await cutConnections(schema)).toBeGreaterThan(0)
      // The leader's lock went with its connection: it stops, and a replica leads again.
      await eventually(() => harness.logs.some((line) => line.includes('lost the lead')))
      await eventually(() => first.isLeader() || second.isLeader())
      expect(first.isLeader() && second.isLeader()).toBe(false)

      const urls = [harness.settings.publicUrl, `http://127.0.0.1:${secondPort}`]
      for (const [index, url] of urls.entries()) {
        // A request that met a connection the database had just cut is answered with "try again".
        await eventually(async () => {
          const reply = await slashTo(harness, url, { userId: alice!, userName: 'alice', channelId, text: `add After the cut ${index}`, triggerId: `cut-${index}` })
          const body = (await reply.json()) as { text?: string }
          return reply.status === 200 && !String(body.text).includes('went wrong')
        })
      }
      await eventually(() => eventPosts(harness, channelId).filter((p) => p.message.includes('After the cut')).length === 2)
      expect(eventPosts(harness, channelId).filter((p) => p.message.includes('After the cut 0'))).toHaveLength(1)
      expectNoDuplicatePosts(harness)
      expect(harness.fake.violations).toEqual([])
    })
  })
})
