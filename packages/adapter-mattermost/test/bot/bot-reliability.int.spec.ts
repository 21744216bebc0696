import { createCommandHandler, manualClock, systemClock, uuidGenerator } from '@incident-kit/core'
import { afterEach, describe, expect, it } from 'vitest'
import { createMattermostApi } from '../../src/index.js'
import { channelMarker } from '../../src/bot/processes/channel-reconciler.js'
import { freePort, skipWithoutSharedSpec } from '../fake-mattermost/index.js'
import { eventPosts, eventually, expectNoDuplicatePosts, inMemoryLocks, seedUsers, slashTo, startHarness, startIncidentThroughDialog, type Harness } from './bot-harness.js'

const allEvents = async (h: Harness) => (await h.store.readAll({ after: '', limit: 100_000 })).events
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe.skipIf(skipWithoutSharedSpec('bot reliability end to end'))('bot reliability through a fake Mattermost', { timeout: 40_000 }, () => {
  let h: Harness
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') console.log(h.logs.join('\n'))
    expect(h.fake.violations).toEqual([])
    const logs = h.logs.join('\n')
    expect(logs).not.toContain(h.fake.bot.token)
    expect(logs).not.toContain(h.slashToken)
    await h.close()
  })

  it('a 429 storm delays messages but posts each exactly once', async () => {
    h = await startHarness()
    const [alice] = seedUsers(h, 'alice')
    await h.startBot()
    const channelId = await startIncidentThroughDialog(h, alice!, { name: 'Rate limited' })
    await h.fake.sendSlashCommand({ userId: alice!, channelId, text: 'add section Steps' })
    h.fake.simulate.rateLimit({ requests: 12, resetSeconds: 1, retryAfterSeconds: 1 })
    for (const text of ['add One', 'add Two', 'note storm in progress']) {
      const reply = await h.fake.sendSlashCommand({ userId: alice!, channelId, text })
      expect(reply.status).toBe(200)
    }
    await eventually(() => eventPosts(h, channelId).find((p) => p.message.includes('storm in progress')), 30_000)
    const messages = eventPosts(h, channelId).map((p) => p.message)
    expect(messages.filter((m) => m.includes('added **One**'))).toHaveLength(1)
    expect(messages.filter((m) => m.includes('added **Two**'))).toHaveLength(1)
    expectNoDuplicatePosts(h)
  })

  it('with Mattermost down, `start <name>` records the incident at once; its channel and messages follow', async () => {
    h = await startHarness()
    const [alice] = seedUsers(h, 'alice')
    await h.startBot()
    await h.fake.simulate.down()
    const reply = await h.fake.sendSlashCommand({ userId: alice!, channelId: h.fake.townSquare.id, text: 'start Network partition' })
    expect(reply.response?.text).toContain('Started the incident **Network partition**')
    await pause(300)
    await h.fake.simulate.reset()
    const channel = await eventually(() => [...h.fake.state.channels.values()].find((c) => c.name === 'network-partition'), 20_000)
    await eventually(() => eventPosts(h, channel.id).find((p) => p.message.includes('started the incident **Network partition**')), 20_000)
    expect([...h.fake.state.channels.values()].filter((c) => c.display_name === 'Network partition')).toHaveLength(1)
  })

  it('with Mattermost slow to answer, a slash command still answers within 3 seconds', async () => {
    h = await startHarness()
    const [alice] = seedUsers(h, 'alice')
    await h.startBot()
    const channelId = await startIncidentThroughDialog(h, alice!, { name: 'Slow chat' })
    h.fake.simulate.slow(4_000)
    const started = Date.now()
    const reply = await h.fake.sendSlashCommand({ userId: alice!, channelId, text: 'note while Mattermost crawls' })
    expect(Date.now() - started).toBeLessThan(3_000)
    expect(reply.status).toBe(200)
    h.fake.simulate.slow(0)
    const stored = await eventually(async () => {
      const notes = (await allEvents(h)).filter((e) => e.type === 'incident.note_added')
      return notes.length > 0 ? notes : undefined
    })
    expect(stored).toHaveLength(1)
  })

  it("with Mattermost down, `commander @bob` is refused for now, naming @bob from the request's mentions", async () => {
    h = await startHarness()
    const [alice, bob] = seedUsers(h, 'alice', 'bob')
    await h.startBot()
    const channelId = await startIncidentThroughDialog(h, alice!, { name: 'Handover while down' })
    await h.fake.simulate.down('unavailable')
    const reply = await h.fake.sendSlashCommand({ userId: alice!, channelId, text: 'commander @bob' })
    expect(reply.response?.text).toBe(":warning: Mattermost cannot confirm that @bob is a member of this incident's team right now; try again in a moment.")
    expect(reply.response?.text).not.toContain(bob!)
    await h.fake.simulate.reset()
    expect((await allEvents(h)).filter((e) => e.type === 'incident.commander_changed')).toEqual([])
  })

  it('answers malformed requests with 400 and forged ones with 401, storing nothing', async () => {
    h = await startHarness()
    await h.startBot()
    const post = (path: string, body: string, type: string) => fetch(`${h.settings.publicUrl}${path}`, { method: 'POST', headers: { 'Content-Type': type }, body })
    expect((await post('/mattermost/slash', `token=${h.slashToken}&text=help`, 'application/x-www-form-urlencoded')).status).toBe(400)
    expect((await post('/mattermost/actions', '{"nothing":true}', 'application/json')).status).toBe(400)
    expect((await post('/mattermost/dialogs', '[]', 'application/json')).status).toBe(400)
    const forged = new URLSearchParams({ token: 'guess', team_id: h.fake.team.id, channel_id: h.fake.townSquare.id, user_id: 'u', text: 'start x', trigger_id: 't' })
    expect((await post('/mattermost/slash', forged.toString(), 'application/x-www-form-urlencoded')).status).toBe(401)
    const help = await fetch(`${h.settings.publicUrl}/mattermost/slash?${new URLSearchParams({ token: h.slashToken, team_id: h.fake.team.id, channel_id: h.fake.townSquare.id, user_id: 'u', text: 'help' })}`)
    expect(((await help.json()) as { text: string }).text).toContain('/incident start [name]')
    const dialog = await post('/mattermost/dialogs', JSON.stringify({ type: 'dialog_submission', callback_id: 'start', state: '{"action":"start"}', user_id: 'u', channel_id: 'c', team_id: h.fake.team.id, submission: { name: 'Forged' } }), 'application/json')
    expect(((await dialog.json()) as { error?: string }).error).toContain('not valid')
    expect(await allEvents(h)).toEqual([])
  })

  it('two replicas on one store: one posts, the other takes over when it stops, no message twice', async () => {
    h = await startHarness()
    const [alice] = seedUsers(h, 'alice')
    const locks = inMemoryLocks()
    const first = await h.startBot({ locks })
    const secondPort = await freePort()
    const second = await h.startBot({ locks, port: secondPort })
    await eventually(() => first.isLeader() || second.isLeader())
    expect(first.isLeader() && second.isLeader()).toBe(false)
    const channelId = await startIncidentThroughDialog(h, alice!, { name: 'Two replicas' })
    const secondUrl = `http://127.0.0.1:${secondPort}`
    await h.fake.sendSlashCommand({ userId: alice!, channelId, text: 'add section Steps' })
    expect((await slashTo(h, secondUrl, { userId: alice!, userName: 'alice', channelId, text: 'add From the second replica', triggerId: 'r2-1' })).status).toBe(200)
    await eventually(() => eventPosts(h, channelId).find((p) => p.message.includes('From the second replica')))
    const leader = first.isLeader() ? first : second
    const follower = leader === first ? second : first
    const followerUrl = leader === first ? secondUrl : h.settings.publicUrl
    await leader.close()
    await eventually(() => follower.isLeader())
    expect((await slashTo(h, followerUrl, { userId: alice!, userName: 'alice', channelId, text: 'note after the failover', triggerId: 'r2-2' })).status).toBe(200)
    await eventually(() => eventPosts(h, channelId).find((p) => p.message.includes('after the failover')))
    expect(eventPosts(h, channelId).filter((p) => p.message.includes('From the second replica'))).toHaveLength(1)
    expectNoDuplicatePosts(h)
    const events = await allEvents(h)
    expect(events.filter((e) => e.type === 'incident.channel_linked')).toHaveLength(1)
  })

  it('a crash after posting a message and before saving the checkpoint does not post it again', async () => {
    h = await startHarness()
    const [alice] = seedUsers(h, 'alice')
    const bot = await h.startBot()
    const channelId = await startIncidentThroughDialog(h, alice!, { name: 'Crash after post' })
    await h.fake.sendSlashCommand({ userId: alice!, channelId, text: 'note posted just before the crash' })
    await eventually(() => eventPosts(h, channelId).find((p) => p.message.includes('just before the crash')))
    await bot.close()
    const events = await allEvents(h)
    const noteIndex = events.findIndex((e) => e.type === 'incident.note_added')
    await h.checkpoints.save('mattermost-notifier', events[noteIndex - 1]!.position)
    await h.startBot()
    // The fake's HTTP client may still hold a keep-alive socket to the stopped bot: let it notice.
    await pause(100)
    await h.fake.sendSlashCommand({ userId: alice!, channelId, text: 'note after the restart' })
    await eventually(() => eventPosts(h, channelId).find((p) => p.message.includes('after the restart')))
    expect(eventPosts(h, channelId).filter((p) => p.message.includes('just before the crash'))).toHaveLength(1)
    expectNoDuplicatePosts(h)
  })

  it('a crash between creating a channel and recording it leaves no orphan: the restarted bot links that channel', async () => {
    h = await startHarness()
    const [alice] = seedUsers(h, 'alice')
    const handler = createCommandHandler({ store: h.store, clock: systemClock, ids: uuidGenerator })
    await handler.handle({ type: 'StartIncident', incidentId: 'crash-1', teamId: h.fake.team.id, name: 'Cache stampede' }, { commandId: 'start-crash-1', actorId: alice! })
    const api = createMattermostApi({ url: h.fake.url, token: h.fake.bot.token })
    const orphan = await api.createChannel({ teamId: h.fake.team.id, displayName: 'Cache stampede', name: 'cache-stampede', private: false, purpose: `Incident: Cache stampede · ${channelMarker('crash-1')}` })
    await handler.handle({ type: 'StartIncident', incidentId: 'taken-1', teamId: h.fake.team.id, name: 'Busy name', channelName: 'town-square' }, { commandId: 'start-taken-1', actorId: alice! })
    await h.startBot()
    await eventually(() => [...h.fake.state.channels.values()].find((c) => c.name === 'town-square-2'))
    const links = await eventually(async () => {
      const linked = (await allEvents(h)).filter((e) => e.type === 'incident.channel_linked')
      return linked.length === 2 ? linked : undefined
    })
    const byIncident = Object.fromEntries(links.map((e) => [e.streamId, e.data as { channelId: string; channelName: string }]))
    expect(byIncident['incident-crash-1']?.channelId).toBe(orphan.id)
    expect(byIncident['incident-taken-1']?.channelName).toBe('town-square-2')
    expect([...h.fake.state.channels.values()].filter((c) => (c.purpose ?? '').includes(channelMarker('crash-1')))).toHaveLength(1)
  })

  it('a click delivered twice, and a click by a non-member, change nothing twice or at all', async () => {
    h = await startHarness()
    const [alice, mallory] = seedUsers(h, 'alice', 'mallory')
    await h.startBot()
    const channelId = await startIncidentThroughDialog(h, alice!, { name: 'Clicks' })
    await h.fake.sendSlashCommand({ userId: alice!, channelId, text: 'add section Steps' })
    await h.fake.sendSlashCommand({ userId: alice!, channelId, text: 'add Flush the cache' })
    const summary = await eventually(() =>
      [...h.fake.state.posts.values()].find((p) => p.channel_id === channelId && p.props.incident_kit_summary && JSON.stringify(p.props.attachments ?? []).includes('Flush the cache')),
    )
    const check = (summary.props.attachments ?? []).flatMap((a) => a.actions ?? []).find((a) => a.name === 'Check')!
    const outsider = await h.fake.clickButton({ userId: mallory!, postId: summary.id, actionId: check.id! })
    expect(JSON.stringify(outsider.reply)).toContain('Only members')
    const body = JSON.stringify({ user_id: alice, user_name: 'alice', channel_id: channelId, team_id: h.fake.team.id, team_domain: h.fake.team.name, post_id: summary.id, trigger_id: 'click-1', type: 'button', context: check.integration!.context })
    for (let i = 0; i < 2; i++) expect((await fetch(`${h.settings.publicUrl}/mattermost/actions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })).status).toBe(200)
    const checked = (await allEvents(h)).filter((e) => e.type === 'checklist.item_checked')
    expect(checked).toHaveLength(1)
    expect(checked[0]!.actorId).toBe(alice)
  })

  it('status reminders come from the log: sent once when due, not again after a restart, with a working button', async () => {
    h = await startHarness()
    const [alice] = seedUsers(h, 'alice')
    const clock = manualClock(new Date().toISOString())
    let bot = await h.startBot({ clock, reminderCheckMs: 20 })
    const channelId = await startIncidentThroughDialog(h, alice!, { name: 'Slow burn' })
    clock.advance(31 * 60_000)
    const reminder = await eventually(() => [...h.fake.state.posts.values()].find((p) => String(p.props.incident_kit_delivery).endsWith(':reminder')))
    await pause(200)
    await bot.close()
    bot = await h.startBot({ clock, reminderCheckMs: 20 })
    await pause(300)
    expect((await allEvents(h)).filter((e) => e.type === 'incident.status_reminder_sent')).toHaveLength(1)
    expect([...h.fake.state.posts.values()].filter((p) => String(p.props.incident_kit_delivery).endsWith(':reminder'))).toHaveLength(1)
    const button = (reminder.props.attachments ?? []).flatMap((a) => a.actions ?? [])[0]!
    const opened = h.fake.state.dialogsOpened.length
    await h.fake.clickButton({ userId: alice!, postId: reminder.id, actionId: button.id! })
    const dialog = await eventually(() => h.fake.state.dialogsOpened[opened])
    await h.fake.submitDialog({ userId: alice!, channelId: reminder.channel_id, submission: { message: 'All calm' }, dialog })
    await eventually(() => eventPosts(h, channelId).find((p) => p.message.includes('All calm')))
  })
})
