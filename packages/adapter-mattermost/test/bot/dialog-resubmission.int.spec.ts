import { readWholeLog } from '@incident-kit/core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { skipWithoutSharedSpec } from '../fake-mattermost/index.js'
import { eventPosts, eventually, seedUsers, startHarness, startIncidentThroughDialog, type Harness } from './bot-harness.js'

/*
 * A dialog that stays open ("taking longer", a refusal under a field) can be submitted again, and
 * people edit it first. The same values act once; other values are carried out or refused in their
 * own right, never closed as done while the first values stand.
 */
describe.skipIf(skipWithoutSharedSpec('dialog resubmission'))('a dialog submitted again', { timeout: 30_000 }, () => {
  let h: Harness
  let alice: string

  beforeAll(async () => {
    h = await startHarness()
    alice = seedUsers(h, 'alice')[0]!
    await h.startBot()
  })
  afterEach((context) => {
    if (context.task.result?.state === 'fail') console.log(h.logs.join('\n'))
  })
  afterAll(async () => {
    await h?.close()
  })

  /** Opens a dialog with a slash command in `channelId`; resolves with it, unsubmitted. */
  const openDialog = async (channelId: string, text: string) => {
    const opened = h.fake.state.dialogsOpened.length
    await h.fake.sendSlashCommand({ userId: alice, channelId, text })
    return eventually(() => h.fake.state.dialogsOpened[opened])
  }
  const eventsOfType = async (type: string) => (await readWholeLog(h.store)).filter((e) => e.type === type)

  it('unchanged, a status update is posted once; with other words, those are posted too; after the end, refused', async () => {
    const channelId = await startIncidentThroughDialog(h, alice, { name: 'Queue backlog' })
    const dialog = await openDialog(channelId, 'status')
    const first = await h.fake.submitDialog({ userId: alice, channelId, submission: { message: 'Draining the queue' }, dialog })
    const again = await h.fake.submitDialog({ userId: alice, channelId, submission: { message: 'Draining the queue' }, dialog })
    expect([first.closed, again.closed]).toEqual([true, true])
    const edited = await h.fake.submitDialog({ userId: alice, channelId, submission: { message: 'Drained, watching' }, dialog })
    expect(edited.closed).toBe(true)
    const messages = (await eventsOfType('incident.status_updated')).map((e) => (e.data as { message: string }).message)
    expect(messages).toEqual(['Draining the queue', 'Drained, watching'])
    await eventually(() => eventPosts(h, channelId).find((p) => p.message.includes('Drained, watching')))

    await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'end' })
    await eventually(async () => (await eventsOfType('incident.ended')).length === 1 || undefined)
    const late = await h.fake.submitDialog({ userId: alice, channelId, submission: { message: 'One more thing' }, dialog })
    expect(late.closed).toBe(false)
    expect(JSON.stringify(late.reply)).toContain('has ended')
    expect(await eventsOfType('incident.status_updated')).toHaveLength(2)
  })

  it('with another name, the start dialog starts no second incident and says it was already carried out', async () => {
    const dialog = await openDialog(h.fake.townSquare.id, 'start')
    const first = await h.fake.submitDialog({ userId: alice, channelId: h.fake.townSquare.id, submission: { name: 'Cache stampede' }, dialog })
    expect(first.closed).toBe(true)
    const edited = await h.fake.submitDialog({ userId: alice, channelId: h.fake.townSquare.id, submission: { name: 'Cache stampede on checkout' }, dialog })
    expect(edited.closed).toBe(false)
    expect(edited.reply?.error).toContain('This dialog was already carried out')
    const started = (await eventsOfType('incident.started')).map((e) => (e.data as { name: string }).name)
    expect(started.filter((name) => name.startsWith('Cache stampede'))).toEqual(['Cache stampede'])
  })

  it('with another title, the add-item dialog adds no second item and says it was already carried out', async () => {
    const channelId = await startIncidentThroughDialog(h, alice, { name: 'Cert expiry' })
    await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'add section Renewal' })
    const dialog = await openDialog(channelId, 'add')
    const first = await h.fake.submitDialog({ userId: alice, channelId, submission: { title: 'Renew the certificate' }, dialog })
    expect(first.closed).toBe(true)
    const edited = await h.fake.submitDialog({ userId: alice, channelId, submission: { title: 'Renew the wildcard certificate' }, dialog })
    expect(edited.closed).toBe(false)
    expect(edited.reply?.error).toContain('This dialog was already carried out')
    const titles = (await eventsOfType('checklist.item_added')).map((e) => (e.data as { title: string }).title)
    expect(titles.filter((title) => title.startsWith('Renew'))).toEqual(['Renew the certificate'])
  })
})
