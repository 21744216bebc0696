import { randomUUID } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { readWholeLog, type Command } from '@incident-kit/core'
import { createSqlEventStore } from '@incident-kit/adapter-sql'
import { POSTGRES_TEST_URL, describePostgres, dropSchemas, uniqueSchema } from '@incident-kit/adapter-sql/testing'
import { afterAll, expect, it } from 'vitest'
import { startReplica, type ChatSink, type Replica } from './two-replicas-on-postgres.js'

const URL = POSTGRES_TEST_URL
const SCHEMA = uniqueSchema('examples_replicas')
afterAll(() => dropSchemas([SCHEMA]))

/** A chat that remembers every post, to count how often each event was posted. */
const recordingSink = () => {
  const posts: Array<{ eventId: string; replica: string }> = []
  const sink: ChatSink = {
    hasPost: async (eventId) => posts.some((p) => p.eventId === eventId),
    post: async (eventId, _text, replica) => void posts.push({ eventId, replica }),
  }
  return { sink, posts }
}

const waitFor = async (condition: () => boolean | Promise<boolean>, what: string) => {
  for (let i = 0; i < 400; i++) {
    if (await condition()) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`timed out waiting for ${what}`)
}

describePostgres('example: two bot replicas on one Postgres', () => {
  it('handles commands on both, posts every event exactly once, and fails over', async () => {
    const { sink, posts } = recordingSink()
    const a: Replica = await startReplica({ url: URL, schema: SCHEMA, name: 'a', sink })
    const b: Replica = await startReplica({ url: URL, schema: SCHEMA, name: 'b', sink })
    const reader = await createSqlEventStore({ url: URL, schema: SCHEMA })
    try {
      expect([a.isLeader(), b.isLeader()].filter(Boolean)).toHaveLength(1)
      const incidentId = randomUUID()
      const act = async (replica: Replica, command: Command, actorId: string) => {
        const result = await replica.handler.handle(command, { commandId: randomUUID(), actorId })
        if (E.isLeft(result)) throw new Error(result.left.message)
      }
      await act(a, { type: 'StartIncident', incidentId, teamId: 'ops', name: 'Two replicas', checklists: [] }, 'alice')
      // Both replicas write to the same stream at the same time: expected versions and retries settle it.
      for (let n = 0; n < 10; n++) {
        await Promise.all([
          act(a, { type: 'AddNote', incidentId, text: `note a${n}` }, 'bob'),
          act(b, { type: 'AddNote', incidentId, text: `note b${n}` }, 'carol'),
        ])
      }
      const logIds = async () => (await readWholeLog(reader)).map((e) => e.id)
      const written = await logIds()
      expect(written).toHaveLength(21)
      await waitFor(() => posts.length >= written.length, 'every event to be posted')

      const [leader, follower] = a.isLeader() ? [a, b] : [b, a]
      await leader.close()
      await waitFor(() => follower.isLeader(), 'the follower to take the lead')
      await act(follower, { type: 'EndIncident', incidentId }, 'alice')
      const all = await logIds()
      await waitFor(() => posts.length >= all.length, 'the new leader to post the last event')

      expect(posts.map((p) => p.eventId).sort()).toEqual([...all].sort())
      expect(posts.at(-1)?.replica).not.toBe(posts[0]?.replica)
    } finally {
      await Promise.all([a.close(), b.close(), reader.close()])
    }
  })
})
