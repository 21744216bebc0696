import { createCommandHandler, systemClock, uuidGenerator } from '@incident-kit/core'
import { afterEach, describe, expect, it } from 'vitest'
import { skipWithoutSharedSpec } from '../fake-mattermost/index.js'
import { eventPosts, eventually, seedUsers, startHarness, startIncidentThroughDialog, type Harness } from './bot-harness.js'

describe.skipIf(skipWithoutSharedSpec('background names end to end'))('names in the posts of background work, through a fake Mattermost', { timeout: 30_000 }, () => {
  let h: Harness
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') console.log(h.logs.join('\n'))
    await h.close()
  })

  it('with Mattermost slower than a person may wait, a message still names its author, not their id', async () => {
    h = await startHarness()
    const [alice, bob] = seedUsers(h, 'alice', 'bob') as [string, string]
    // Background requests may take 5 s an attempt; requests a person waits on get 1 s.
    await h.startBot({ requestTimeoutMs: 5_000 })
    const channelId = await startIncidentThroughDialog(h, alice, { name: 'Slow names' })
    const incidentId = h.fake.state.channels.get(channelId)!.purpose!.split('incident-kit:')[1]!
    h.fake.simulate.slow(1_500)
    // Recorded as another replica or the CLI would: the bot has not looked up @bob before.
    await createCommandHandler({ store: h.store, clock: systemClock, ids: uuidGenerator }).handle({ type: 'AddNote', incidentId, text: 'paged the vendor' }, { commandId: 'note-by-bob', actorId: bob })
    const note = await eventually(() => eventPosts(h, channelId).find((p) => p.message.includes('paged the vendor')), 20_000)
    expect(note.message).toContain('@bob noted')
    expect(note.message).not.toContain(bob)
  })
})
