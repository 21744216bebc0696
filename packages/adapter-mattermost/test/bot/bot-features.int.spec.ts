import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { skipWithoutSharedSpec } from '../fake-mattermost/index.js'
import { EVENT_ID_PROP } from '../../src/index.js'
import { channelNamed, eventPosts, eventually, incidentsStartedFrom, postInTownSquare, seedUsers, startHarness, startIncidentThroughDialog, type Harness } from './bot-harness.js'

const PLAYBOOK = ['playbook create Database outage', 'severity: sev2', 'interval: 15', 'broadcast: ~status-page', '## Triage', '- Check dashboards', '- Page the DBA', '## Recovery', '- Fail over'].join('\n')

/** The id of a playbook the start dialog offers, by title (opens one dialog and leaves it unsubmitted). */
const playbookOffered = async (h: Harness, userId: string, title: string) => {
  const before = h.fake.state.dialogsOpened.length
  await h.fake.sendSlashCommand({ userId, channelId: h.fake.townSquare.id, text: 'start' })
  const dialog = await eventually(() => h.fake.state.dialogsOpened[before])
  return dialog.dialog.elements.find((e) => e.name === 'playbook')!.options!.find((o) => o.text === title)!.value
}

describe.skipIf(skipWithoutSharedSpec('bot features end to end'))('bot features through a fake Mattermost', { timeout: 30_000 }, () => {
  let h: Harness
  let alice: string
  let bob: string
  let carol: string
  let statusPage: string

  beforeAll(async () => {
    h = await startHarness({ otherTeams: ['dev'], verbosity: { default: 'all', byTeam: { dev: 'key' } } })
    const ids = seedUsers(h, 'alice', 'bob', 'carol')
    alice = ids[0]!
    bob = ids[1]!
    carol = ids[2]!
    // A playbook broadcasts only to channels its creator is a member of.
    statusPage = h.fake.seed.channel({ teamId: h.fake.team.id, name: 'status-page', memberIds: [h.fake.bot.user.id, alice] }).id
    await h.startBot()
  })
  afterEach((context) => {
    if (context.task.result?.state === 'fail') console.log(h.logs.join('\n'))
  })
  afterAll(async () => {
    await h?.close()
  })

  it('v0.3 + v0.7: a playbook with sections becomes the checklist of an incident started from it', async () => {
    const created = await h.fake.sendSlashCommand({ userId: alice, channelId: h.fake.townSquare.id, text: PLAYBOOK })
    expect(created.response?.text).toContain('Created the playbook **Database outage** (2 sections, 3 items)')
    const shown = await h.fake.sendSlashCommand({ userId: alice, channelId: h.fake.townSquare.id, text: 'playbook show database' })
    expect(shown.response?.text).toContain('- Page the DBA')
    const playbook = await playbookOffered(h, alice, 'Database outage')
    const channelId = await startIncidentThroughDialog(h, alice, { name: 'Orders DB slow', playbook })
    const info = await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'info' })
    expect(info.response?.text).toContain('**Severity:** sev2')
    const lines = (info.response?.attachments ?? []).map((a) => a.title ?? a.text ?? '')
    expect(lines).toEqual(expect.arrayContaining(['Triage', 'Recovery', expect.stringContaining('3. Fail over')]))
    const added = await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'add [triage] Check replication' })
    expect(added.response?.text).toContain('Added **Check replication**')
    const after = await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'info' })
    expect((after.response?.attachments ?? []).map((a) => a.text ?? '')).toEqual(expect.arrayContaining([expect.stringContaining('3. Check replication')]))
  })

  it('v0.3: a click on a checklist button checks the item, and the pinned summary shows when it was done', async () => {
    const channelId = await startIncidentThroughDialog(h, alice, { name: 'Payments down' })
    await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'add section Steps' })
    await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'add Restart the workers' })
    const summaryWithItem = await eventually(() =>
      [...h.fake.state.posts.values()].find((p) => p.channel_id === channelId && p.props.incident_kit_summary && JSON.stringify(p.props.attachments ?? []).includes('Restart the workers')),
    )
    const check = (summaryWithItem.props.attachments ?? []).flatMap((a) => a.actions ?? []).find((a) => a.name === 'Check')!
    const click = await h.fake.clickButton({ userId: alice, postId: summaryWithItem.id, actionId: check.id! })
    expect(click.status).toBe(200)
    await eventually(() => eventPosts(h, channelId).find((p) => p.message.includes('checked **Restart the workers**')))
    const summary = await eventually(() => {
      const post = h.fake.state.posts.get(summaryWithItem.id)!
      return JSON.stringify(post.props.attachments ?? []).includes(':white_check_mark: 1. Restart the workers') ? post : undefined
    })
    expect(summary.message).toContain('1/1 done')
    expect(JSON.stringify(summary.props.attachments)).toMatch(/Restart the workers · done \d{4}-\d\d-\d\d \d\d:\d\d UTC/)
  })

  it('v0.6: assignment, due dates, metadata, and status updates broadcast to the playbook channels', async () => {
    const playbooks = await h.fake.sendSlashCommand({ userId: alice, channelId: h.fake.townSquare.id, text: 'playbook list' })
    expect(playbooks.response?.text).toContain('1. Database outage')
    const playbook = await playbookOffered(h, alice, 'Database outage')
    const channelId = await startIncidentThroughDialog(h, alice, { name: 'Search degraded', playbook })
    await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'add section Work' })
    await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'add Rebuild the index' })
    const assigned = await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'assign rebuild @bob' })
    expect(assigned.response?.text).toContain('Assigned **Rebuild the index**')
    await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'due rebuild 45m' })
    await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'set customer acme' })
    await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'status Index rebuild at 40%' })
    const texts = await eventually(() => {
      const messages = eventPosts(h, channelId).map((p) => p.message)
      return messages.some((m) => m.includes('Index rebuild at 40%')) ? messages.join('\n') : undefined
    })
    expect(texts).toContain('assigned **Rebuild the index** to @bob')
    expect(texts).toContain('set **Rebuild the index** due at')
    expect(texts).toContain('set **customer** to **acme**')
    const broadcast = await eventually(() => eventPosts(h, statusPage).find((p) => p.message.includes('Index rebuild at 40%')))
    expect(broadcast.message).toContain('**Search degraded**')
  })

  it('v0.5: whoever joins an incident channel gets a private catch-up', async () => {
    const channelId = await startIncidentThroughDialog(h, alice, { name: 'Login errors', description: 'Users see 500 on login' })
    await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'status Rolling back release 42' })
    await eventually(() => eventPosts(h, channelId).find((p) => p.message.includes('Rolling back release 42')))
    h.fake.joinChannel({ userId: carol, channelId })
    const dm = await eventually(() => [...h.fake.state.posts.values()].find((p) => p.props.incident_kit_onboarding && h.fake.state.channels.get(p.channel_id)?.name.includes(carol)))
    expect(dm.message).toContain('Welcome to **Login errors**')
    expect(dm.message).toContain('Rolling back release 42')
    expect(dm.message).toContain('@alice')
  })

  it('starts an incident from a reaction on any post, quoting and linking it, once however many react', async () => {
    const post = postInTownSquare(h, bob, 'Checkout returns 502 for everyone')
    h.fake.addReaction({ userId: bob, postId: post.id, emoji: 'rotating_light' })
    h.fake.addReaction({ userId: carol, postId: post.id, emoji: 'rotating_light' })
    const channel = await channelNamed(h, 'Checkout returns 502 for everyone')
    const reply = await eventually(() => [...h.fake.state.posts.values()].find((p) => p.root_id === post.id && p.props[EVENT_ID_PROP]))
    expect(reply.message).toContain(`~${channel.name}`)
    const started = await incidentsStartedFrom(h, post.id)
    expect(started).toHaveLength(1)
  })

  it('assignee verbosity: item changes go to the assignee by direct message, key events to the channel', async () => {
    const playbook = ['playbook create Quiet playbook', 'verbosity: assignees', '## Work', '- Rotate the keys'].join('\n')
    await h.fake.sendSlashCommand({ userId: alice, channelId: h.fake.townSquare.id, text: playbook })
    const quiet = await playbookOffered(h, alice, 'Quiet playbook')
    const channelId = await startIncidentThroughDialog(h, alice, { name: 'Key leak', playbook: quiet })
    await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'assign rotate @bob' })
    await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'check rotate' })
    await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'status Keys rotated' })
    await eventually(() => eventPosts(h, channelId).find((p) => p.message.includes('Keys rotated')))
    const dm = await eventually(() =>
      [...h.fake.state.posts.values()].find((p) => p.message.includes('checked **Rotate the keys**') && h.fake.state.channels.get(p.channel_id)?.type === 'D'),
    )
    expect(h.fake.state.channels.get(dm.channel_id)?.name).toContain(bob)
    expect(eventPosts(h, channelId).filter((p) => p.message.includes('Rotate the keys'))).toEqual([])
  })

  it('the add-item and status dialogs, and a pick among several matching items', async () => {
    const channelId = await startIncidentThroughDialog(h, alice, { name: 'Disk full' })
    await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'add section Cleanup' })
    const opened = h.fake.state.dialogsOpened.length
    await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'add' })
    const addDialog = await eventually(() => h.fake.state.dialogsOpened[opened])
    expect(addDialog.dialog.title).toBe('Add a checklist item')
    await h.fake.submitDialog({ userId: alice, channelId, submission: { title: 'Purge old logs', assignee: carol }, dialog: addDialog })
    await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'add Purge old backups' })
    const ambiguous = await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'skip purge' })
    const choice = ambiguous.response?.attachments?.[0]?.actions?.find((a) => a.name.includes('Purge old logs'))
    expect(choice?.integration?.context).toBeDefined()
    const body = { user_id: alice, user_name: 'alice', channel_id: channelId, team_id: h.fake.team.id, post_id: '', trigger_id: 'pick-1', type: 'button', context: choice!.integration!.context }
    expect((await fetch(`${h.settings.publicUrl}/mattermost/actions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).status).toBe(200)
    await eventually(() => eventPosts(h, channelId).find((p) => p.message.includes('skipped **Purge old logs**')))
    const statusOpened = h.fake.state.dialogsOpened.length
    await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'status' })
    const statusDialog = await eventually(() => h.fake.state.dialogsOpened[statusOpened])
    const refused = await h.fake.submitDialog({ userId: alice, channelId, submission: { message: '' }, dialog: statusDialog })
    expect(refused.closed).toBe(false)
    await h.fake.submitDialog({ userId: alice, channelId, submission: { message: 'Freed 40 GB' }, dialog: statusDialog })
    await eventually(() => eventPosts(h, channelId).find((p) => p.message.includes('Freed 40 GB')))
    const info = await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'info' })
    expect(JSON.stringify(info.response?.attachments)).toContain('Purge old logs · @carol')
  })

  it("list and history show only the caller's team", async () => {
    const dev = [...h.fake.state.teams.values()].find((t) => t.name === 'dev')!
    const devSquare = [...h.fake.state.channels.values()].find((c) => c.team_id === dev.id)!
    const { user: dave } = h.fake.seed.user({ username: 'dave' })
    h.fake.seed.teamMember(dev.id, dave.id)
    const list = await h.fake.sendSlashCommand({ userId: dave.id, channelId: devSquare.id, text: 'list' })
    expect(list.response?.text).toBe('No active incidents in this team.')
    const history = await h.fake.sendSlashCommand({ userId: dave.id, channelId: devSquare.id, text: 'history' })
    expect(history.response?.text).toBe('No past incidents in this team yet.')
    const ours = await h.fake.sendSlashCommand({ userId: alice, channelId: h.fake.townSquare.id, text: 'list' })
    expect(ours.response?.text).toContain('Payments down')
  })

  it("a team's verbosity applies to incidents whose playbook does not choose one", async () => {
    const dev = [...h.fake.state.teams.values()].find((t) => t.name === 'dev')!
    const devSquare = [...h.fake.state.channels.values()].find((c) => c.team_id === dev.id)!
    const { user: erin } = h.fake.seed.user({ username: 'erin' })
    h.fake.seed.teamMember(dev.id, erin.id)
    const channelId = await startIncidentThroughDialog(h, erin.id, { name: 'Build farm offline' }, devSquare.id)
    await h.fake.sendSlashCommand({ userId: erin.id, channelId, text: 'add section Steps' })
    await h.fake.sendSlashCommand({ userId: erin.id, channelId, text: 'add Restart the agents' })
    await h.fake.sendSlashCommand({ userId: erin.id, channelId, text: 'status Agents restarting' })
    await eventually(() => eventPosts(h, channelId).find((p) => p.message.includes('Agents restarting')))
    expect(eventPosts(h, channelId).filter((p) => p.message.includes('Restart the agents') || p.message.includes('section'))).toEqual([])
  })

  it("report reads the caller's team only", async () => {
    const dev = [...h.fake.state.teams.values()].find((t) => t.name === 'dev')!
    const devSquare = [...h.fake.state.channels.values()].find((c) => c.team_id === dev.id)!
    const erin = [...h.fake.state.users.values()].find((u) => u.username === 'erin')!
    const devReport = await h.fake.sendSlashCommand({ userId: erin.id, channelId: devSquare.id, text: 'report' })
    expect(devReport.response?.text).toContain('**Incidents started:** 1')
    expect(devReport.response?.text).toContain('Build farm offline')
    expect(devReport.response?.text).not.toContain('Payments down')
    const ours = await h.fake.sendSlashCommand({ userId: alice, channelId: h.fake.townSquare.id, text: 'report' })
    expect(ours.response?.text).toContain('Payments down')
    expect(ours.response?.text).not.toContain('Build farm offline')
  })

  it('records zero spec violations', () => {
    expect(h.fake.violations).toEqual([])
  })
})
