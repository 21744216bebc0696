import { createCommandHandler, systemClock, uuidGenerator } from '@incident-kit/core'
import { afterEach, describe, expect, it } from 'vitest'
import { EVENT_ID_PROP, createMattermostApi } from '../../src/index.js'
import { channelMarker } from '../../src/bot/processes/channel-reconciler.js'
import { skipWithoutSharedSpec } from '../fake-mattermost/index.js'
import { eventually, postInTownSquare, seedUsers, startHarness, type Harness } from './bot-harness.js'

const linkedChannelOf = async (h: Harness, incidentId: string) =>
  eventually(async () => {
    const linked = (await h.store.readAll({ after: '', limit: 100_000 })).events.find((e) => e.type === 'incident.channel_linked' && e.streamId === `incident-${incidentId}`)
    return linked?.data as { channelId: string; channelName: string } | undefined
  })

describe.skipIf(skipWithoutSharedSpec('bot trust end to end'))('the bot trusts only its own channels and posts, through a fake Mattermost', { timeout: 30_000 }, () => {
  let h: Harness
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') console.log(h.logs.join('\n'))
    expect(h.fake.violations).toEqual([])
    await h.close()
  })

  /** An incident recorded before any bot runs, and a person with a Mattermost client of their own. */
  const setUp = async (name: string) => {
    h = await startHarness()
    const [alice, mallory] = seedUsers(h, 'alice', 'mallory') as [string, string]
    const handler = createCommandHandler({ store: h.store, clock: systemClock, ids: uuidGenerator })
    const incidentId = `${name.toLowerCase().replaceAll(' ', '-')}-1`
    await handler.handle({ type: 'StartIncident', incidentId, teamId: h.fake.team.id, name }, { commandId: `start-${incidentId}`, actorId: alice })
    const token = [...h.fake.state.tokens.entries()].find(([, userId]) => userId === mallory)![0]
    return { alice, mallory, incidentId, malloryApi: createMattermostApi({ url: h.fake.url, token }) }
  }

  it("does not link a channel someone else made with the incident's name and marker", async () => {
    const { incidentId, malloryApi } = await setUp('Ledger drift')
    const decoy = await malloryApi.createChannel({ teamId: h.fake.team.id, displayName: 'Ledger drift', name: 'ledger-drift', private: false, purpose: channelMarker(incidentId) })
    await h.startBot()
    const linked = await linkedChannelOf(h, incidentId)
    expect(linked.channelId).not.toBe(decoy.id)
    expect(linked.channelName).toBe('ledger-drift-2')
    expect(h.fake.state.channels.get(linked.channelId)?.creator_id).toBe(h.fake.bot.user.id)
  })

  it("pins the bot's own summary, not a post someone gave the summary's props", async () => {
    const { incidentId, mallory, malloryApi } = await setUp('Summary spoof')
    // The bot's channel from a run that stopped before recording it; someone posts in it meanwhile.
    const botApi = createMattermostApi({ url: h.fake.url, token: h.fake.bot.token })
    const channel = await botApi.createChannel({ teamId: h.fake.team.id, displayName: 'Summary spoof', name: 'summary-spoof', private: false, purpose: channelMarker(incidentId) })
    h.fake.joinChannel({ userId: mallory, channelId: channel.id })
    const spoof = await malloryApi.createPost({ channelId: channel.id, message: 'All fine, nothing to see', props: { incident_kit_summary: incidentId } })
    await h.startBot()
    const summary = await eventually(() => [...h.fake.state.posts.values()].find((p) => p.channel_id === channel.id && p.props.incident_kit_summary === incidentId && p.is_pinned))
    expect(summary.user_id).toBe(h.fake.bot.user.id)
    expect(summary.message).toContain('Summary spoof')
    expect(h.fake.state.posts.get(spoof.id)?.is_pinned).toBe(false)
  })

  it('answers a reaction on a reply in a thread in that thread, under its root', async () => {
    h = await startHarness()
    const [bob, carol] = seedUsers(h, 'bob', 'carol') as [string, string]
    await h.startBot()
    await eventually(() => h.fake.webSocket.connectedUserIds().includes(h.fake.bot.user.id))
    const root = postInTownSquare(h, bob, 'Deploy 42 is rolling out')
    const reply = h.fake.postAsUser({ userId: carol, channelId: h.fake.townSquare.id, message: 'Orders fail since the deploy', rootId: root.id })
    h.fake.addReaction({ userId: carol, postId: reply.id, emoji: 'rotating_light' })
    const answer = await eventually(() => [...h.fake.state.posts.values()].find((p) => p.channel_id === h.fake.townSquare.id && p.props[EVENT_ID_PROP]))
    expect(answer.root_id).toBe(root.id)
    expect(answer.message).toContain('Orders fail since the deploy')
  })
})
