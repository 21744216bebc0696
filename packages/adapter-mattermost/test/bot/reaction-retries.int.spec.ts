import { createInMemoryCheckpointStore, createInMemoryEventStore, type CheckpointStore } from '@incident-kit/core'
import { afterEach, describe, expect, it } from 'vitest'
import { REACTIONS_SEEN_UNTIL } from '../../src/bot/processes/reactions-seen-until.js'
import { skipWithoutSharedSpec } from '../fake-mattermost/index.js'
import { channelNamed, eventually, incidentsStartedFrom, postInTownSquare, seedUsers, startHarness, type Harness } from './bot-harness.js'

const TRIGGER = 'rotating_light'

/** Checkpoints that fail the next `failures` reads of the reaction time, as a database briefly away. */
const flakyCheckpoints = () => {
  const inner = createInMemoryCheckpointStore()
  let failures = 0
  const checkpoints: CheckpointStore = {
    load: async (name) => {
      if (name === REACTIONS_SEEN_UNTIL && failures > 0) {
        failures -= 1
        throw new Error('database connection reset')
      }
      return inner.load(name)
    },
    save: (name, value) => inner.save(name, value),
  }
  return { checkpoints, failNextReads: (count: number) => void (failures = count) }
}

describe.skipIf(skipWithoutSharedSpec('reaction catch-up retries end to end'))('trigger reactions whose handling failed', { timeout: 30_000 }, () => {
  let h: Harness
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') console.log(h.logs.join('\n'))
    expect(h.fake.violations).toEqual([])
    await h.close()
  })

  const savedReactionTime = async () => Date.parse((await h.checkpoints.load(REACTIONS_SEEN_UNTIL)) ?? '')

  it('a first catch-up that failed is tried again while leading: the reaction made while no bot ran starts its incident', async () => {
    const storage = flakyCheckpoints()
    h = await startHarness({ storage: { store: createInMemoryEventStore(), checkpoints: storage.checkpoints } })
    const [alice, bob] = seedUsers(h, 'alice', 'bob') as [string, string]
    const first = await h.startBot()
    const post = postInTownSquare(h, alice, 'Cache cluster unreachable')
    const savedBefore = await eventually(() => h.checkpoints.load(REACTIONS_SEEN_UNTIL))
    await first.close()
    await eventually(() => !h.fake.webSocket.connectedUserIds().includes(h.fake.bot.user.id))
    h.fake.addReaction({ userId: bob, postId: post.id, emoji: TRIGGER })

    storage.failNextReads(2)
    await h.startBot({ reactionsSeenSaveMs: 20 })
    await channelNamed(h, 'Cache cluster unreachable')
    expect(await incidentsStartedFrom(h, post.id)).toHaveLength(1)
    await eventually(async () => (await savedReactionTime()) > Date.parse(savedBefore))
  })
})
