import * as E from 'fp-ts/lib/Either.js'
import { createCommandHandler, createInMemoryCheckpointStore, createInMemoryEventStore, manualClock, sequentialIds, type Command, type StoredEvent } from '@incident-kit/core'
import { describe, expect, it } from 'vitest'
import { MATTERMOST_UNAVAILABLE, MattermostRequestError, isMattermostUnavailable, MattermostUnavailableError, type MattermostLogger, type MattermostPost, type NewPost } from '../../client/index.js'
import type { BotDeps } from '../runtime/bot-deps.js'
import { createLiveReadModel } from '../runtime/live-read-model.js'
import { createChannelLessIncidents } from './channel-less-incidents.js'
import { createChannelsGivenUp } from './channels-given-up.js'
import { DeliveryNotReady } from './checkpointed-delivery.js'
import { createNotifier } from './notifier.js'
import { DELIVERY_PROP, createPostLedger } from './post-ledger.js'

const BOT = 'bot-user'

const refusal = (status: number) => new MattermostRequestError(status, 'api.context.permissions.app_error', 'POST', '/api/v4/posts', `HTTP ${status}`)
const unavailable = () => new MattermostUnavailableError(MATTERMOST_UNAVAILABLE, 'Mattermost unavailable', 6, undefined)

/**
 * A notifier over an in-memory store and a fake Mattermost whose channels answer `createPost` as
 * `failures` says (each failure is used once). Everyone is on every team except the users in
 * `leftTeam`; `teamMemberFailures` fail the next questions about membership. Direct messages to a
 * user go to `dm-<user>`. Commands are run as `alice`.
 */
const setUp = async () => {
  const store = createInMemoryEventStore()
  const clock = manualClock('2026-03-01T09:00:00.000Z')
  const handler = createCommandHandler({ store, clock, ids: sequentialIds() })
  const posts: MattermostPost[] = []
  const failures = new Map<string, Error[]>()
  const leftTeam = new Set<string>()
  const teamMemberFailures: Error[] = []
  const warnings: Array<Record<string, unknown> & { message?: string }> = []
  const infos: Array<Record<string, unknown> & { message?: string }> = []
  const logger: MattermostLogger = {
    debug: () => undefined,
    info: (fields, message) => void infos.push({ ...(fields as Record<string, unknown>), message }),
    warn: (fields, message) => void warnings.push({ ...(fields as Record<string, unknown>), message }),
    error: () => undefined,
  }
  const api = {
    getMe: async () => ({ id: BOT }),
    listChannelPosts: async (channelId: string) => posts.filter((p) => p.channel_id === channelId),
    addChannelMember: async () => undefined,
    getDirectChannel: async (userId: string) => ({ id: `dm-${userId}` }),
    getTeamMember: async (teamId: string, userId: string) => {
      const failure = teamMemberFailures.shift()
      if (failure) throw failure
      return { team_id: teamId, user_id: userId, roles: 'team_user', delete_at: leftTeam.has(userId) ? 1 : 0 }
    },
    createPost: async (post: NewPost) => {
      const failure = failures.get(post.channelId)?.shift()
      if (failure) throw failure
      const created = { id: `p${posts.length}`, channel_id: post.channelId, user_id: BOT, message: post.message, props: post.props ?? {} } as MattermostPost
      posts.push(created)
      return created
    },
  }
  const deps = {
    settings: { publicUrl: 'https://bot.example.com', signingSecret: 'secret', trigger: 'incident' },
    api,
    model: createLiveReadModel(store),
    names: { mention: async (id: string) => `@${id}` },
    membership: { learn: () => undefined },
    clock,
    logger,
  } as unknown as BotDeps
  const checkpoints = createInMemoryCheckpointStore()
  const channelLess = createChannelLessIncidents(clock, createChannelsGivenUp(checkpoints, clock))
  const notify = createNotifier(deps, { ledger: createPostLedger(deps.api), channelLess })
  /** The notifier of a restarted bot (or the next leader): fresh memories over the same database. */
  const restart = () => {
    const givenUp = createChannelsGivenUp(checkpoints, clock)
    return { givenUp, notify: createNotifier(deps, { ledger: createPostLedger(deps.api), channelLess: createChannelLessIncidents(clock, givenUp) }) }
  }
  let n = 0
  /** Runs a command; returns the events it recorded. */
  const run = async (command: Command): Promise<StoredEvent[]> => {
    const result = await handler.handle(command, { commandId: `c${n++}`, actorId: 'alice' })
    if (E.isLeft(result)) throw new Error(result.left.message)
    return result.right
  }
  return { run, notify, restart, posts, failures, leftTeam, teamMemberFailures, warnings, infos, clock, channelLess }
}

const start = (broadcastChannelIds: string[] = []): Command => ({
  type: 'StartIncident', incidentId: 'i1', teamId: 't1', name: 'DB down', verbosity: 'all', broadcastChannelIds, checklists: [],
})
/** Bob is assigned the one item; changes to it go to him directly. */
const startForAssignees: Command = {
  type: 'StartIncident', incidentId: 'i1', teamId: 't1', name: 'DB down', verbosity: 'assignees', broadcastChannelIds: [],
  checklists: [{ sectionId: 's1', title: 'Triage', items: [{ itemId: 'x1', title: 'Check replicas', assigneeId: 'bob' }] }],
}
const reminder: Command = { type: 'RecordStatusReminder', incidentId: 'i1', dueAt: '2026-03-01T09:30:00.000Z' }
const TEN_MINUTES = 10 * 60_000
const link: Command = { type: 'LinkChannel', incidentId: 'i1', channelId: 'c1', channelName: 'db-down' }

describe('createNotifier', () => {
  it('posts the other broadcast copies when one broadcast channel refuses for good, naming that channel in a warning', async () => {
    const { run, notify, posts, failures, warnings } = await setUp()
    await run(start(['bc1', 'bc2']))
    await run(link)
    const [status] = await run({ type: 'PostStatusUpdate', incidentId: 'i1', message: 'Failing over' })
    failures.set('bc1', [refusal(403)])
    await notify(status!, { uncertain: false })
    expect(posts.map((p) => p.channel_id)).toEqual(['c1', 'bc2'])
    expect(warnings).toEqual([expect.objectContaining({ channelId: 'bc1', eventId: status!.id, incidentId: 'i1' })])
  })

  it('retries a transient failure of one copy without posting again where the copy already went', async () => {
    const { run, notify, posts, failures } = await setUp()
    await run(start(['bc1', 'bc2']))
    await run(link)
    const [status] = await run({ type: 'PostStatusUpdate', incidentId: 'i1', message: 'Failing over' })
    failures.set('bc1', [unavailable()])
    await expect(notify(status!, { uncertain: false })).rejects.toThrow('Mattermost unavailable')
    await notify(status!, { uncertain: true })
    expect(posts.map((p) => [p.channel_id, p.props[DELIVERY_PROP]])).toEqual([
      ['c1', `${status!.id}:channel`],
      ['bc1', `${status!.id}:broadcast:bc1`],
      ['bc2', `${status!.id}:broadcast:bc2`],
    ])
  })

  it("after its one wait, an incident's messages for its missing channel are logged, and the channel gets one note when linked", async () => {
    const { run, notify, posts, warnings, clock, channelLess } = await setUp()
    const [started] = await run(start())
    await expect(notify(started!, { uncertain: false })).rejects.toBeInstanceOf(DeliveryNotReady)
    clock.advance(TEN_MINUTES)
    await notify(started!, { uncertain: true })
    const [note] = await run({ type: 'AddNote', incidentId: 'i1', text: 'Replica lagging' })
    await notify(note!, { uncertain: false })
    expect(posts).toEqual([])
    expect(warnings).toEqual([
      expect.objectContaining({ incidentId: 'i1', eventId: started!.id }),
      expect.objectContaining({ incidentId: 'i1', eventId: note!.id }),
    ])
    const [linked] = await run(link)
    await notify(linked!, { uncertain: false })
    expect(posts.map((p) => [p.channel_id, p.message])).toEqual([['c1', expect.stringContaining('2 earlier updates of this incident were not posted here')]])
    expect(posts[0]!.message).toContain('`/incident timeline`')
    expect(channelLess.remembered()).toBe(0)
  })

  it("does not wait for the channel of an incident the channel reconciler gave up on: its messages there are logged as not posted at once", async () => {
    const { run, notify, restart, posts, warnings } = await setUp()
    const [started] = await run(start())
    await expect(notify(started!, { uncertain: false })).rejects.toBeInstanceOf(DeliveryNotReady)
    // The reconciler of the same leader gives up: the retry goes on without the channel.
    const leader = restart()
    await leader.givenUp.giveUp('i1')
    await leader.notify(started!, { uncertain: true })
    expect(posts).toEqual([])
    expect(warnings).toEqual([expect.objectContaining({ incidentId: 'i1', eventId: started!.id })])
  })

  it('does not wait again, after a restart or handover, for a channel the reconciler gave up on before it', async () => {
    const { run, restart, posts, warnings } = await setUp()
    await run(start(['bc1']))
    await restart().givenUp.giveUp('i1')
    const [status] = await run({ type: 'PostStatusUpdate', incidentId: 'i1', message: 'Failing over' })
    await restart().notify(status!, { uncertain: true })
    expect(posts.map((p) => p.channel_id)).toEqual(['bc1'])
    expect(warnings).toEqual([expect.objectContaining({ incidentId: 'i1', eventId: status!.id })])
  })

  it("still waits for a channel the reconciler has not given up on, and posts in it once it is linked", async () => {
    const { run, notify, posts } = await setUp()
    const [started] = await run(start())
    await expect(notify(started!, { uncertain: false })).rejects.toBeInstanceOf(DeliveryNotReady)
    await run(link)
    await notify(started!, { uncertain: true })
    expect(posts.map((p) => p.channel_id)).toEqual(['c1'])
  })

  it('forgets an incident that ends without a channel, so a long-running bot keeps nothing for it', async () => {
    const { run, notify, clock, channelLess } = await setUp()
    const [started] = await run(start())
    await expect(notify(started!, { uncertain: false })).rejects.toBeInstanceOf(DeliveryNotReady)
    clock.advance(TEN_MINUTES)
    await notify(started!, { uncertain: true })
    expect(channelLess.remembered()).toBe(1)
    const [ended] = await run({ type: 'EndIncident', incidentId: 'i1' })
    await notify(ended!, { uncertain: false })
    expect(channelLess.remembered()).toBe(0)
  })

  it('makes an incident wait for its channel once, not again when it ends and reopens', async () => {
    const { run, notify, clock } = await setUp()
    const [started] = await run(start())
    await expect(notify(started!, { uncertain: false })).rejects.toBeInstanceOf(DeliveryNotReady)
    clock.advance(TEN_MINUTES)
    await notify(started!, { uncertain: true })
    const [ended] = await run({ type: 'EndIncident', incidentId: 'i1' })
    await notify(ended!, { uncertain: false })
    const [reopened] = await run({ type: 'ReopenIncident', incidentId: 'i1' })
    await expect(notify(reopened!, { uncertain: false })).resolves.toBeUndefined()
  })

  it('sends the assignee and the commander their direct messages while they are on the incident\'s team', async () => {
    const { run, notify, posts } = await setUp()
    await run(startForAssignees)
    await run(link)
    const [checked] = await run({ type: 'CheckItem', incidentId: 'i1', itemId: 'x1' })
    const [reminded] = await run(reminder)
    await notify(checked!, { uncertain: false })
    await notify(reminded!, { uncertain: false })
    expect(posts.map((p) => p.channel_id)).toEqual(['dm-bob', 'dm-alice'])
  })

  it('sends no direct message to an assignee or commander who left the team, logs it by user id, and posts the reminder in the channel instead', async () => {
    const { run, notify, posts, leftTeam, infos } = await setUp()
    await run(startForAssignees)
    await run(link)
    const [checked] = await run({ type: 'CheckItem', incidentId: 'i1', itemId: 'x1' })
    const [reminded] = await run(reminder)
    leftTeam.add('bob').add('alice')
    await notify(checked!, { uncertain: false })
    await notify(reminded!, { uncertain: false })
    expect(posts.map((p) => [p.channel_id, p.props[DELIVERY_PROP]])).toEqual([['c1', `${reminded!.id}:reminder-channel`]])
    expect(posts[0]!.message).toContain('its commander @alice is no longer on the team')
    expect(infos).toEqual([
      expect.objectContaining({ incidentId: 'i1', eventId: checked!.id, userId: 'bob' }),
      expect.objectContaining({ incidentId: 'i1', eventId: reminded!.id, userId: 'alice' }),
    ])
    await notify(reminded!, { uncertain: true })
    expect(posts).toHaveLength(1)
  })

  it("names the incident's channel when Mattermost refuses the reminder posted there for a commander who left", async () => {
    const { run, notify, posts, failures, leftTeam, warnings } = await setUp()
    await run(startForAssignees)
    await run(link)
    const [reminded] = await run(reminder)
    leftTeam.add('alice')
    failures.set('c1', [refusal(403)])
    await notify(reminded!, { uncertain: false })
    expect(posts).toEqual([])
    expect(warnings).toEqual([expect.objectContaining({ eventId: reminded!.id, channelId: 'c1' })])
    expect(warnings[0]).not.toHaveProperty('userId')
  })

  it('retries a direct message when Mattermost cannot say who is on the team', async () => {
    const { run, notify, posts, teamMemberFailures } = await setUp()
    await run(startForAssignees)
    await run(link)
    const [reminded] = await run(reminder)
    teamMemberFailures.push(unavailable())
    const failure = await notify(reminded!, { uncertain: false }).catch((error: unknown) => error)
    expect(isMattermostUnavailable(failure)).toBe(true)
    expect(posts).toEqual([])
    await notify(reminded!, { uncertain: true })
    expect(posts.map((p) => p.channel_id)).toEqual(['dm-alice'])
  })
})
