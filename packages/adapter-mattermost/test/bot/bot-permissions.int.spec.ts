import { createCommandHandler, systemClock, uuidGenerator } from '@incident-kit/core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { skipWithoutSharedSpec } from '../fake-mattermost/index.js'
import { eventPosts, eventually, seedUsers, startHarness, startIncidentThroughDialog, type Harness } from './bot-harness.js'

const eventsOfType = async (h: Harness, type: string) => (await h.store.readAll({ after: '', limit: 100_000 })).events.filter((e) => e.type === type)

describe.skipIf(skipWithoutSharedSpec('bot permissions end to end'))('who may change what, through a fake Mattermost', { timeout: 30_000 }, () => {
  let h: Harness
  let alice: string
  let bob: string
  let carol: string
  let dana: string
  let sam: string
  let olga: string

  /** `/incident <text>` typed by `userId` in `channelId`: the reply's text. */
  const say = async (userId: string, channelId: string, text: string) => (await h.fake.sendSlashCommand({ userId, channelId, text })).response?.text ?? ''

  beforeAll(async () => {
    h = await startHarness()
    ;[alice, bob, carol] = seedUsers(h, 'alice', 'bob', 'carol') as [string, string, string]
    dana = h.fake.seed.user({ username: 'dana' }).user.id
    h.fake.seed.teamMember(h.fake.team.id, dana, { admin: true })
    sam = h.fake.seed.user({ username: 'sam', roles: 'system_user system_admin' }).user.id
    h.fake.seed.teamMember(h.fake.team.id, sam)
    // On the server, not on the team.
    olga = h.fake.seed.user({ username: 'olga' }).user.id
    await h.startBot()
  })
  afterEach((context) => {
    if (context.task.result?.state === 'fail') console.log(h.logs.join('\n'))
  })
  afterAll(async () => {
    await h?.close()
  })

  it("ending, reopening and handing over are for the incident's commander, its reporter and admins", async () => {
    const channelId = await startIncidentThroughDialog(h, alice, { name: 'Queue backlog' })
    for (const member of [bob, carol, dana, sam]) h.fake.joinChannel({ userId: member, channelId })
    expect(await say(bob, channelId, 'end')).toBe(':warning: Only @alice (commander and reporter) or a team or system admin can end this incident.')
    expect(await say(bob, channelId, 'commander @bob')).toContain('can hand over command of this incident')
    expect(await eventsOfType(h, 'incident.ended')).toEqual([])
    expect(await eventsOfType(h, 'incident.commander_changed')).toEqual([])
    expect(await say(dana, channelId, 'end')).toBe('Ended **Queue backlog**.')
    expect(await say(sam, channelId, 'reopen')).toBe('Reopened **Queue backlog**.')
    expect(await say(alice, channelId, 'commander @bob')).toBe('Command handed over.')
    expect(await say(carol, channelId, 'end')).toBe(':warning: Only the commander @bob, the reporter @alice or a team or system admin can end this incident.')
    expect(await say(alice, channelId, 'end')).toBe('Ended **Queue backlog**.')
  })

  it("commanders and assignees must be on the incident's team, whether named in a command or a dialog", async () => {
    const channelId = await startIncidentThroughDialog(h, alice, { name: 'Cache misses' })
    expect(await say(alice, channelId, 'commander @olga')).toBe(":warning: @olga is not a member of this incident's team, so they cannot command it.")
    await say(alice, channelId, 'add section Steps')
    await say(alice, channelId, 'add Warm the cache')
    expect(await say(alice, channelId, 'assign warm @olga')).toBe(":warning: @olga is not a member of this incident's team, so they cannot be assigned its items.")
    const opened = h.fake.state.dialogsOpened.length
    await say(alice, channelId, 'add')
    const dialog = await eventually(() => h.fake.state.dialogsOpened[opened])
    const submitted = await h.fake.submitDialog({ userId: alice, channelId, submission: { title: 'Flush the CDN', assignee: olga }, dialog })
    expect(submitted.closed).toBe(false)
    expect(JSON.stringify(submitted.reply)).toContain("@olga is not a member of this incident's team")
    expect(await say(alice, channelId, 'assign warm @bob')).toBe('Assigned **Warm the cache**.')
    const assigned = await eventsOfType(h, 'checklist.item_assigned')
    expect(assigned.map((e) => (e.data as { assigneeId: string }).assigneeId)).toEqual([bob])
    expect((await eventsOfType(h, 'checklist.item_added')).map((e) => (e.data as { title: string }).title)).not.toContain('Flush the CDN')
  })

  it('a handover is announced even when the new commander cannot be added to the channel', async () => {
    const channelId = await startIncidentThroughDialog(h, alice, { name: 'Handover to an outsider' })
    const incidentId = h.fake.state.channels.get(channelId)!.purpose!.split('incident-kit:')[1]!
    // As a bot without the team check recorded it (or an import did): Mattermost refuses to add her.
    const handler = createCommandHandler({ store: h.store, clock: systemClock, ids: uuidGenerator })
    await handler.handle({ type: 'ChangeCommander', incidentId, commanderId: olga }, { commandId: 'handover-to-olga', actorId: alice })
    await eventually(() => eventPosts(h, channelId).find((p) => p.message.includes('handed command from @alice to @olga')))
    expect(h.logs.join('\n')).toContain('could not add the new commander to the incident channel')
    expect(h.fake.state.channelMembers.get(channelId)?.has(olga)).toBe(false)
  })

  it('archiving a playbook is for its creator or an admin; it broadcasts only where its creator is a member', async () => {
    const town = h.fake.townSquare.id
    h.fake.seed.channel({ teamId: h.fake.team.id, name: 'status-board', memberIds: [h.fake.bot.user.id, alice] })
    h.fake.seed.channel({ teamId: h.fake.team.id, name: 'exec-updates', memberIds: [h.fake.bot.user.id] })
    expect(await say(alice, town, 'playbook create Outage\nbroadcast: ~status-board ~exec-updates')).toBe(
      ':warning: a playbook can broadcast only to channels its creator is a member of: join ~exec-updates first, or leave it out',
    )
    expect(await say(alice, town, 'playbook create Outage\nbroadcast: ~status-board\n## Triage\n- Look at the graphs')).toContain('Created the playbook **Outage**')
    expect(await say(alice, town, 'playbook create Drill')).toContain('Created the playbook **Drill**')
    expect(await say(bob, town, 'playbook archive outage')).toBe(':warning: Only its creator @alice or a team or system admin can archive the playbook **Outage**.')
    expect(await say(dana, town, 'playbook archive outage')).toBe('Archived the playbook **Outage**.')
    expect(await say(alice, town, 'playbook archive drill')).toBe('Archived the playbook **Drill**.')
    expect(await eventsOfType(h, 'playbook.archived')).toHaveLength(2)
  })

  it('records zero spec violations', () => {
    expect(h.fake.violations).toEqual([])
  })
})
