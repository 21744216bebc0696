import * as E from 'fp-ts/lib/Either.js'
import { createCommandHandler, manualClock, uuidGenerator, type Clock, type Command } from '@incident-kit/core'
import { afterEach, describe, expect, it } from 'vitest'
import { skipWithoutSharedSpec } from '../../../test/fake-mattermost/index.js'
import { eventPosts, eventually, startHarness, type Harness } from '../../../test/bot/bot-harness.js'

/**
 * How the bot sets up incident channels it cannot fully make, end to end through the fake
 * Mattermost: someone it may not add, and a channel it cannot create at all. No clock is advanced,
 * so what is posted is posted without waiting out the ten minutes given to a slow channel.
 */
describe.skipIf(skipWithoutSharedSpec('incident channel set-up end to end'))('incident channel set-up through a fake Mattermost', { timeout: 40_000 }, () => {
  let h: Harness
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') console.log(h.logs.join('\n'))
    expect(h.fake.violations).toEqual([])
    await h.close()
  })

  /** Records a command as another adapter (or a bot that was down) would: straight into the log. */
  const record = async (clock: Clock, actorId: string, command: Command) => {
    const done = await createCommandHandler({ store: h.store, clock, ids: uuidGenerator }).handle(command, { commandId: `${command.type}-${uuidGenerator.next()}`, actorId })
    if (E.isLeft(done)) throw new Error(done.left.message)
  }
  const start = (incidentId: string, name: string, commanderId: string): Command => ({
    type: 'StartIncident', incidentId, teamId: h.fake.team.id, name, commanderId, verbosity: 'all', broadcastChannelIds: [], checklists: [],
  })
  const channelNamed = (name: string) => eventually(() => [...h.fake.state.channels.values()].find((c) => c.name === name))

  it('adds the commander to a new incident channel when Mattermost refuses the reporter, and names the reporter in a warning', async () => {
    h = await startHarness()
    const alice = h.fake.seed.user({ username: 'alice' }).user.id
    h.fake.seed.teamMember(h.fake.team.id, alice)
    // Carol reported it, then left the team: Mattermost will not add her to a channel of it.
    const carol = h.fake.seed.user({ username: 'carol' }).user.id
    await record(manualClock(new Date().toISOString()), carol, start('i-left', 'Reporter left', alice))
    await h.startBot()
    const channel = await channelNamed('reporter-left')
    await eventually(() => h.fake.state.channelMembers.get(channel.id)?.has(alice))
    expect(h.fake.state.channelMembers.get(channel.id)?.has(carol)).toBe(false)
    expect(h.logs.some((line) => line.startsWith('warn ') && line.includes(carol) && line.includes('i-left'))).toBe(true)
  })

  it("does not hold back other incidents' messages for an incident whose channel cannot be made, nor again after a restart", async () => {
    h = await startHarness()
    const alice = h.fake.seed.user({ username: 'alice' }).user.id
    h.fake.seed.teamMember(h.fake.team.id, alice)
    // Every name the bot would try for "dup" belongs to someone else's channel.
    for (const name of ['dup', ...Array.from({ length: 19 }, (_, i) => `dup-${i + 2}`)]) h.fake.seed.channel({ teamId: h.fake.team.id, name })
    const clock = manualClock(new Date().toISOString())
    await record(clock, alice, start('i-dup', 'dup', alice))
    await record(clock, alice, start('i-other', 'Other', alice))
    let bot = await h.startBot({ clock })
    const other = await channelNamed('other')
    await eventually(() => eventPosts(h, other.id).find((p) => p.message.includes('started the incident **Other**')))
    await bot.close()

    await record(clock, alice, { type: 'AddNote', incidentId: 'i-dup', text: 'note for the channel-less one' })
    await record(clock, alice, { type: 'AddNote', incidentId: 'i-other', text: 'note after the restart' })
    bot = await h.startBot({ clock })
    await eventually(() => eventPosts(h, other.id).find((p) => p.message.includes('note after the restart')))
    expect(h.logs.filter((line) => line.includes('the incident has no channel') && line.includes('i-dup')).length).toBeGreaterThanOrEqual(2)
  })
})
