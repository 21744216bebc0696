import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { skipWithoutSharedSpec } from '../fake-mattermost/index.js'
import { eventPosts, eventually, seedUsers, slashTo, startHarness, type Harness } from './bot-harness.js'

const incidentPosts = (h: Harness, channelId: string) => [...h.fake.state.posts.values()].filter((p) => p.channel_id === channelId)

describe.skipIf(skipWithoutSharedSpec('bot roadmap end to end'))('the bot through a fake Mattermost, v0.1 to v0.8', { timeout: 30_000 }, () => {
  let h: Harness
  let alice: string
  let bob: string
  let mallory: string
  let channelId: string

  beforeAll(async () => {
    h = await startHarness()
    ;[alice, bob, mallory] = seedUsers(h, 'alice', 'bob', 'mallory') as [string, string, string]
    await h.startBot()
  })
  afterEach((context) => {
    if (context.task.result?.state === 'fail') console.log(h.logs.join('\n'))
  })
  afterAll(async () => {
    await h?.close()
  })

  it('v0.1: starts an incident from the dialog, creates and links its channel with a pinned summary', async () => {
    const opened = await h.fake.sendSlashCommand({ userId: alice, channelId: h.fake.townSquare.id, text: 'start Database down' })
    expect(opened.status).toBe(200)
    const dialog = await eventually(() => h.fake.state.dialogsOpened.find((d) => d.userId === alice))
    expect(dialog.dialog.elements.map((e) => e.name)).toEqual(expect.arrayContaining(['name', 'channel', 'severity', 'description']))
    const submitted = await h.fake.submitDialog({ userId: alice, channelId: h.fake.townSquare.id, submission: { name: 'Database down', severity: 'sev1' } })
    expect(submitted.closed).toBe(true)
    const channel = await eventually(() => [...h.fake.state.channels.values()].find((c) => c.name === 'database-down'))
    channelId = channel.id
    await eventually(() => h.fake.state.channelMembers.get(channelId)?.has(alice))
    const summary = await eventually(() => incidentPosts(h, channelId).find((p) => p.props.incident_kit_summary && p.is_pinned))
    expect(summary.message).toContain('Database down')
  })

  it('v0.1: lists the active incidents of the team with commander and channel', async () => {
    const listed = await h.fake.sendSlashCommand({ userId: bob, channelId: h.fake.townSquare.id, text: 'list' })
    expect(listed.response?.text).toContain('Database down')
    expect(listed.response?.text).toContain('@alice')
    expect(listed.response?.text).toContain('database-down')
  })

  it('an incident command outside an incident channel says which incident it needs', async () => {
    const elsewhere = await h.fake.sendSlashCommand({ userId: alice, channelId: h.fake.townSquare.id, text: 'check 1' })
    expect(elsewhere.response?.text).toContain("run it in the incident's channel")
    expect(elsewhere.response?.text).toContain('**Database down** (~database-down)')
  })

  it('v0.2: adds and removes checklist items, one message with who and when per change', async () => {
    const before = eventPosts(h, channelId).length
    await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'add section Triage' })
    await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'add Check the replica lag' })
    await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'add Roll back the deploy' })
    await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'remove replica' })
    await eventually(() => eventPosts(h, channelId).find((p) => p.message.includes('removed **Check the replica lag**')))
    const posts = eventPosts(h, channelId)
    expect(posts.length).toBeGreaterThanOrEqual(before + 4)
    const texts = posts.map((p) => p.message).join('\n')
    expect(texts).toMatch(/@alice added \*\*Check the replica lag\*\*.* · \d\d:\d\d UTC/)
    expect(texts).toContain('@alice removed **Check the replica lag**')
    const ids = posts.map((p) => p.props.incident_kit_delivery)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('v0.3 + v0.8: checks an item by words of its title, hands over command, and offers buttons when several match', async () => {
    await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'add Roll back the config' })
    const ambiguous = await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'check roll back' })
    expect(ambiguous.response?.attachments?.[0]?.actions?.length).toBe(2)
    const checked = await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'check deploy' })
    expect(checked.response?.text).toContain('Checked **Roll back the deploy**')
    await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'commander @bob' })
    await eventually(() => eventPosts(h, channelId).find((p) => p.message.includes('handed command')), 20_000)
    const info = await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'info' })
    expect(info.response?.text).toContain('**Commander:** @bob')
  })

  it('security: a forged slash token, a forged button context and a non-member change nothing', async () => {
    const eventsBefore = (await h.store.readAll({ after: '', limit: 10_000 })).events.length
    const forged = await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'end', token: 'forgedtoken123' })
    expect(forged.status).toBe(401)
    const outsider = await h.fake.sendSlashCommand({ userId: mallory, channelId, text: 'check config' })
    expect(outsider.response?.text).toContain('Only members')
    const summary = incidentPosts(h, channelId).find((p) => p.props.incident_kit_summary)!
    const actions = (summary.props.attachments ?? []).flatMap((a) => a.actions ?? [])
    const check = actions.find((a) => a.name === 'Check')!
    const click = await h.fake.clickButton({
      userId: alice,
      postId: summary.id,
      actionId: check.id!,
      contextOverride: { ...(check.integration?.context ?? {}), incidentId: 'another-incident' },
    })
    expect(JSON.stringify(click.reply)).toContain('not valid')
    expect((await h.store.readAll({ after: '', limit: 10_000 })).events.length).toBe(eventsBefore)
  })

  it('a duplicate delivery of the same slash request changes nothing twice', async () => {
    const send = () => slashTo(h, h.settings.publicUrl, { userId: alice, userName: 'alice', channelId, text: 'note duplicated note', triggerId: 'same-trigger-1' })
    expect((await send()).status).toBe(200)
    expect((await send()).status).toBe(200)
    const notes = (await h.store.readAll({ after: '', limit: 10_000 })).events.filter((e) => e.type === 'incident.note_added')
    expect(notes).toHaveLength(1)
  })

  it('v0.6: status updates are posted; with Mattermost down the command still answers and the message follows', async () => {
    await h.fake.simulate.down()
    const started = Date.now()
    const reply = await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'status Failover done, watching error rates' })
    const tookMs = Date.now() - started
    expect(reply.response?.text).toContain('Status update posted')
    expect(tookMs).toBeLessThan(3_000)
    await h.fake.simulate.reset()
    const update = await eventually(() => eventPosts(h, channelId).find((p) => p.message.includes('Failover done')), 15_000)
    expect(update.message).toContain('Status update')
    expect(eventPosts(h, channelId).filter((p) => p.message.includes('Failover done'))).toHaveLength(1)
  })

  it('v0.4 + v0.7: ends the incident, then history and report show it to the team', async () => {
    const milestone = await h.fake.sendSlashCommand({ userId: bob, channelId, text: 'milestone mitigated' })
    expect(milestone.response?.text).toContain('mitigated')
    const timeline = await h.fake.sendSlashCommand({ userId: bob, channelId, text: 'timeline' })
    expect(timeline.response?.text).toContain('Timeline of Database down')
    expect(timeline.response?.text).toMatch(/\*\*\d{4}-\d{2}-\d{2}\*\* \(UTC\)\n/)
    expect(timeline.response?.text).toMatch(/\(\+\d+:\d{2}\) .*Failover done/)
    await h.fake.sendSlashCommand({ userId: bob, channelId, text: 'end' })
    await eventually(() => eventPosts(h, channelId).find((p) => p.message.includes('ended the incident')), 20_000)
    const history = await h.fake.sendSlashCommand({ userId: bob, channelId: h.fake.townSquare.id, text: 'history' })
    expect(history.response?.text).toContain('Database down')
    const report = await h.fake.sendSlashCommand({ userId: bob, channelId: h.fake.townSquare.id, text: 'report' })
    expect(report.response?.text).toContain('**Incidents started:** 1')
    expect(report.response?.text).toContain('**Incidents ended:** 1')
    expect(report.response?.text).toContain('**Commander changes per incident:** 1')
  })

  it('records zero spec violations', () => {
    expect(h.fake.violations).toEqual([])
  })
})
