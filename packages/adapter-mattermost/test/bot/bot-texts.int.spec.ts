import { createCommandHandler, systemClock, uuidGenerator } from '@incident-kit/core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { skipWithoutSharedSpec } from '../fake-mattermost/index.js'
import { eventPosts, eventually, incidentsStartedFrom, postInTownSquare, seedUsers, startHarness, startIncidentThroughDialog, type Harness } from './bot-harness.js'

const POST_MAX_RUNES = 16_383
const CUT = '_(cut: too long for a Mattermost post)_'
const CHANNEL_WIDE = /@(channel|all|here)\b/i
const runes = (text: string) => Array.from(text).length

describe.skipIf(skipWithoutSharedSpec('bot texts end to end'))('what people write, as the bot takes and reposts it, through a fake Mattermost', { timeout: 30_000 }, () => {
  let h: Harness
  let alice: string

  const say = async (channelId: string, text: string) => (await h.fake.sendSlashCommand({ userId: alice, channelId, text })).response?.text ?? ''
  const incidentIdOf = (channelId: string) => h.fake.state.channels.get(channelId)!.purpose!.split('incident-kit:')[1]!
  const summaryOf = (channelId: string) => [...h.fake.state.posts.values()].find((p) => p.channel_id === channelId && p.props.incident_kit_summary && p.is_pinned)

  beforeAll(async () => {
    h = await startHarness()
    ;[alice] = seedUsers(h, 'alice') as [string]
    await h.startBot()
  })
  afterEach((context) => {
    if (context.task.result?.state === 'fail') console.log(h.logs.join('\n'))
  })
  afterAll(async () => {
    await h?.close()
  })

  it('refuses a text over its limit, naming it and the limit, from a slash command and from a dialog', async () => {
    const channelId = await startIncidentThroughDialog(h, alice, { name: 'Verbose outage' })
    expect(await say(channelId, `status ${'x'.repeat(3_001)}`)).toBe(':warning: the status update is too long: 3,001 characters, at most 3,000.')
    expect(await say(channelId, `note ${'y'.repeat(4_000)}`)).toBe(':warning: the note is too long: 4,000 characters, at most 3,000.')
    expect(await say(channelId, `add section ${'z'.repeat(101)}`)).toBe(':warning: the section title is too long: 101 characters, at most 100.')
    const opened = h.fake.state.dialogsOpened.length
    await say(channelId, 'status')
    const dialog = await eventually(() => h.fake.state.dialogsOpened[opened])
    // Mattermost's client keeps to the dialog's max_length; a forged submission does not.
    const forged = await h.fake.submitDialog({ userId: alice, channelId, submission: { message: 'w'.repeat(5_000) }, dialog })
    expect(forged.reply).toEqual({ errors: { message: 'the status update is too long: 5,000 characters, at most 3,000' } })
    const beforeLongName = h.fake.state.dialogsOpened.length
    // Refused, not cut to fit in a dialog where the cut would go unnoticed.
    expect(await say(h.fake.townSquare.id, `start ${'n'.repeat(121)}`)).toBe(':warning: the incident name is too long: 121 characters, at most 120.')
    expect(h.fake.state.dialogsOpened.length).toBe(beforeLongName)
    const startOpened = h.fake.state.dialogsOpened.length
    await say(h.fake.townSquare.id, 'start')
    const startDialog = await eventually(() => h.fake.state.dialogsOpened[startOpened])
    const forgedStart = await h.fake.submitDialog({ userId: alice, channelId: h.fake.townSquare.id, submission: { name: 'Wordy', description: 'd'.repeat(3_001) }, dialog: startDialog })
    expect(forgedStart.reply).toEqual({ errors: { description: 'the description is too long: 3,001 characters, at most 3,000' } })
    const stored = (await h.store.readAll({ after: '', limit: 100_000 })).events.filter(
      (e) => ['incident.status_updated', 'incident.note_added', 'checklist.section_added'].includes(e.type) || (e.type === 'incident.started' && (e.data as { name: string }).name === 'Wordy'),
    )
    expect(stored).toEqual([])
  })

  it('refuses a too-long item in an incident without sections before making its default section', async () => {
    const channelId = await startIncidentThroughDialog(h, alice, { name: 'Sectionless' })
    expect(await say(channelId, `add ${'t'.repeat(151)}`)).toBe(':warning: the item title is too long: 151 characters, at most 150.')
    const streamId = `incident-${incidentIdOf(channelId)}`
    const checklistEvents = (await h.store.readStream(streamId)).filter((e) => e.type.startsWith('checklist.'))
    expect(checklistEvents).toEqual([])
  })

  it('posts messages and edits the pinned summary within Mattermost\'s size however long the texts in the log', async () => {
    const channelId = await startIncidentThroughDialog(h, alice, { name: 'Long update' })
    // Recorded before the bot limited texts (or by another program): far over a post's size.
    const handler = createCommandHandler({ store: h.store, clock: systemClock, ids: uuidGenerator })
    await handler.handle({ type: 'PostStatusUpdate', incidentId: incidentIdOf(channelId), message: 'v'.repeat(20_000) }, { commandId: 'long-status-1', actorId: alice })
    const message = await eventually(() => eventPosts(h, channelId).find((p) => p.message.includes('**Status update**')))
    expect(message.message.endsWith(CUT)).toBe(true)
    expect(runes(message.message)).toBeLessThanOrEqual(POST_MAX_RUNES)
    const summary = await eventually(() => (summaryOf(channelId)?.message.endsWith(CUT) ? summaryOf(channelId) : undefined))
    expect(runes(summary!.message)).toBeLessThanOrEqual(POST_MAX_RUNES)
  })

  it('reposts channel-wide mentions so that they read the same and notify nobody', async () => {
    h.fake.seed.channel({ teamId: h.fake.team.id, name: 'status-board', memberIds: [h.fake.bot.user.id, alice] })
    await say(h.fake.townSquare.id, 'playbook create Loud outage\nbroadcast: ~status-board')
    const before = h.fake.state.dialogsOpened.length
    await say(h.fake.townSquare.id, 'start')
    const dialog = await eventually(() => h.fake.state.dialogsOpened[before])
    const playbook = dialog.dialog.elements.find((e) => e.name === 'playbook')!.options!.find((o) => o.text === 'Loud outage')!.value
    const channelId = await startIncidentThroughDialog(h, alice, { name: 'Loud outage', playbook })
    await say(channelId, 'status @channel failover done, @ALL stand down')
    const statusBoard = [...h.fake.state.channels.values()].find((c) => c.name === 'status-board')!.id
    const posts = await eventually(() => {
      const found = [eventPosts(h, channelId), eventPosts(h, statusBoard)].map((list) => list.find((p) => p.message.includes('failover done')))
      return found.every(Boolean) ? found : undefined
    })
    for (const post of posts) {
      expect(post!.message).not.toMatch(CHANNEL_WIDE)
      expect(post!.message.replaceAll('\u2060', '')).toContain('@channel failover done, @ALL stand down')
    }
    const summary = await eventually(() => (summaryOf(channelId)?.message.includes('failover done') ? summaryOf(channelId) : undefined))
    expect(summary!.message).not.toMatch(CHANNEL_WIDE)
  })

  it('names an incident started from a post after whole characters of its first line', async () => {
    await eventually(() => h.fake.webSocket.connectedUserIds().includes(h.fake.bot.user.id))
    // The 80th character is an emoji, two UTF-16 units: half of it is no text the log can keep.
    const post = postInTownSquare(h, alice, `${'a'.repeat(79)}🚨 is down`)
    h.fake.addReaction({ userId: alice, postId: post.id, emoji: 'rotating_light' })
    const started = await eventually(async () => (await incidentsStartedFrom(h, post.id))[0])
    expect((started.data as { name: string }).name).toBe(`${'a'.repeat(79)}🚨`)
  })

  it('records zero spec violations', () => {
    expect(h.fake.violations).toEqual([])
  })
})
