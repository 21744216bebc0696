import * as E from 'fp-ts/lib/Either.js'
import { createCommandHandler, createInMemoryEventStore, decodeAll, manualClock, sequentialIds, type Command, type StoredEvent } from '@incident-kit/core'
import { buildReadModel } from '@incident-kit/projections'
import { describe, expect, it } from 'vitest'
import { POST_MESSAGE_MAX_RUNES, runeLength } from '../render/post-size.js'
import { verifyContext } from '../security/signed-context.js'
import { NO_CHANNEL, eventDeliveries, hasTarget } from './event-deliveries.js'

const run = async (verbosity: 'all' | 'key' | 'assignees', commands: readonly Command[], { linked = true } = {}) => {
  const store = createInMemoryEventStore()
  const handler = createCommandHandler({ store, clock: manualClock('2026-03-01T09:00:00.000Z'), ids: sequentialIds() })
  const start: Command = {
    type: 'StartIncident', incidentId: 'i1', teamId: 't1', name: 'DB down', verbosity, broadcastChannelIds: ['status-page'],
    checklists: [{ sectionId: 's1', title: 'Triage', items: [{ itemId: 'x1', title: 'Check replicas', assigneeId: 'bob' }] }],
    sourcePost: { postId: 'p1', channelId: 'town-square' },
  }
  const link: Command = { type: 'LinkChannel', incidentId: 'i1', channelId: 'c1', channelName: 'db-down' }
  for (const [n, command] of [start, ...(linked ? [link] : []), ...commands].entries()) {
    const result = await handler.handle(command, { commandId: `c${n}`, actorId: 'alice' })
    if (E.isLeft(result)) throw new Error(result.left.message)
  }
  const recorded = (await store.readAll({ after: '', limit: 100 })).events
  const model = buildReadModel(recorded)
  if (E.isLeft(model)) throw new Error(model.left.message)
  const incident = model.right.incidents.i1!
  const events = decodeAll(recorded)
  if (E.isLeft(events)) throw new Error(events.left.message)
  const deliveriesOf = (event: StoredEvent) =>
    eventDeliveries(event, {
      incident,
      recordIndex: incident.timeline.findIndex((r) => r.position === event.position),
      mention: async (id) => `@${id}`,
      actionUrl: 'https://bot/mattermost/actions',
      secret: 'secret',
      channelLink: '~db-down',
      fallbackVerbosity: 'all',
      trigger: 'incident',
    })
  return Promise.all(events.right.map(async (event) => ({ type: event.type, deliveries: await deliveriesOf(event) })))
}

const deliveriesOfType = (outcome: Awaited<ReturnType<typeof run>>, type: string) => outcome.filter((o) => o.type === type).flatMap((o) => o.deliveries)

const targetsOf = (outcome: Awaited<ReturnType<typeof run>>, type: string) => deliveriesOfType(outcome, type).map((d) => ({ target: d.target, rootId: d.rootId }))

/** What Mattermost would take for a channel-wide mention. */
const CHANNEL_WIDE = /@(channel|all|here)(?![\w-]|\.\w)/i
const visible = (text: string) => text.replaceAll('\u2060', '')

describe('eventDeliveries', () => {
  it('all: every change in the channel; status updates copied to broadcast channels; a start from a post answers in its thread', async () => {
    const outcome = await run('all', [
      { type: 'CheckItem', incidentId: 'i1', itemId: 'x1' },
      { type: 'PostStatusUpdate', incidentId: 'i1', message: 'Failing over' },
    ])
    expect(targetsOf(outcome, 'checklist.item_checked')).toEqual([{ target: { channelId: 'c1' }, rootId: undefined }])
    expect(targetsOf(outcome, 'incident.status_updated').map((d) => d.target)).toEqual([{ channelId: 'c1' }, { channelId: 'status-page' }])
    expect(targetsOf(outcome, 'incident.started')).toEqual([{ target: { channelId: 'c1' }, rootId: undefined }, { target: { channelId: 'town-square' }, rootId: 'p1' }])
    expect(targetsOf(outcome, 'incident.channel_linked')).toEqual([])
  })

  it('names items as they were titled when the event happened, and a rename by both titles', async () => {
    const outcome = await run('all', [
      { type: 'CheckItem', incidentId: 'i1', itemId: 'x1' },
      { type: 'RenameItem', incidentId: 'i1', itemId: 'x1', title: 'Fail over to the replica' },
      { type: 'UncheckItem', incidentId: 'i1', itemId: 'x1' },
    ])
    const messageOf = (type: string) => outcome.find((o) => o.type === type)!.deliveries[0]!.message
    expect(messageOf('checklist.item_checked')).toContain('@alice checked **Check replicas**')
    expect(messageOf('checklist.item_renamed')).toContain('@alice renamed **Check replicas** to **Fail over to the replica**')
    expect(messageOf('checklist.item_unchecked')).toContain('@alice unchecked **Fail over to the replica**')
  })

  it('key: item changes are silent, key events still posted', async () => {
    const outcome = await run('key', [{ type: 'CheckItem', incidentId: 'i1', itemId: 'x1' }, { type: 'EndIncident', incidentId: 'i1' }])
    expect(targetsOf(outcome, 'checklist.item_checked')).toEqual([])
    expect(targetsOf(outcome, 'incident.ended')).toEqual([{ target: { channelId: 'c1' }, rootId: undefined }])
  })

  it('assignees: item changes go to the assignee directly', async () => {
    const outcome = await run('assignees', [{ type: 'CheckItem', incidentId: 'i1', itemId: 'x1' }])
    expect(targetsOf(outcome, 'checklist.item_checked')).toEqual([{ target: { userId: 'bob' }, rootId: undefined }])
  })

  it('quiets channel-wide mentions, in what people wrote and in the incident name prefixed to a broadcast', async () => {
    const outcome = await run('all', [
      { type: 'RenameIncident', incidentId: 'i1', name: '@channel DB down' },
      { type: 'PostStatusUpdate', incidentId: 'i1', message: '@here failover done, @ALL stand down' },
    ])
    const renamed = deliveriesOfType(outcome, 'incident.renamed')
    const statuses = deliveriesOfType(outcome, 'incident.status_updated')
    expect(renamed).toHaveLength(1)
    expect(statuses.map((d) => d.target)).toEqual([{ channelId: 'c1' }, { channelId: 'status-page' }])
    for (const { message } of [...renamed, ...statuses]) expect(message).not.toMatch(CHANNEL_WIDE)
    expect(visible(renamed[0]!.message)).toContain('renamed the incident to **@channel DB down**')
    for (const { message } of statuses) expect(visible(message)).toContain('@here failover done, @ALL stand down')
    expect(visible(statuses[1]!.message)).toMatch(/^\*\*@channel DB down\*\* \(~db-down\): /)
  })

  it('cuts an over-long message to a post\'s size, the broadcast\'s prefix included', async () => {
    const outcome = await run('all', [{ type: 'PostStatusUpdate', incidentId: 'i1', message: 'v'.repeat(POST_MESSAGE_MAX_RUNES) }])
    const statuses = deliveriesOfType(outcome, 'incident.status_updated')
    expect(statuses).toHaveLength(2)
    for (const { message } of statuses) {
      expect(runeLength(message)).toBeLessThanOrEqual(POST_MESSAGE_MAX_RUNES)
      expect(message).toMatch(/v…\n\n_\(cut: too long for a Mattermost post\)_$/)
    }
  })

  it('a reminder goes to the commander with a button bound to the direct channel it is posted in', async () => {
    const outcome = await run('all', [{ type: 'RecordStatusReminder', incidentId: 'i1', dueAt: '2026-03-01T09:30:00.000Z' }])
    const reminder = outcome.find((o) => o.type === 'incident.status_reminder_sent')!.deliveries[0]!
    expect(reminder.target).toEqual({ userId: 'alice' })
    const context = reminder.attachmentsFor!('dm-1')[0]!.actions![0]!.integration!.context
    expect(verifyContext('secret', context, 'dm-1')).toMatchObject({ action: 'statusdialog', incidentId: 'i1' })
    expect(verifyContext('secret', context, 'c1')).toBeUndefined()
  })

  it('a reminder carries its stand-in for the channel, for a commander who has left the team; none while there is no channel', async () => {
    const remind = [{ type: 'RecordStatusReminder', incidentId: 'i1', dueAt: '2026-03-01T09:30:00.000Z' } as const]
    const reminder = deliveriesOfType(await run('all', remind), 'incident.status_reminder_sent')[0]!
    const instead = reminder.insteadIfGone!
    expect(instead.target).toEqual({ channelId: 'c1' })
    expect(instead.message).toContain('its commander @alice is no longer on the team')
    expect(instead.message).toContain('`/incident commander @your-name`')
    expect(instead.key).not.toBe(reminder.key)
    const context = instead.attachmentsFor!('c1')[0]!.actions![0]!.integration!.context
    expect(verifyContext('secret', context, 'c1')).toMatchObject({ action: 'statusdialog', incidentId: 'i1' })
    const unlinked = deliveriesOfType(await run('all', remind, { linked: false }), 'incident.status_reminder_sent')[0]!
    expect(unlinked.insteadIfGone).toBeUndefined()
  })

  it('a message for the channel of an incident that has none targets NO_CHANNEL, so the notifier can say it was not posted', async () => {
    const outcome = await run('all', [{ type: 'CheckItem', incidentId: 'i1', itemId: 'x1' }], { linked: false })
    const checked = deliveriesOfType(outcome, 'checklist.item_checked')
    expect(checked.map((d) => d.target)).toEqual([NO_CHANNEL])
    expect(checked.filter(hasTarget)).toEqual([])
  })
})
