import * as E from 'fp-ts/lib/Either.js'
import { createCommandHandler, createInMemoryCheckpointStore, createInMemoryEventStore, manualClock, sequentialIds, type CheckpointStore, type Command, type StoredEvent } from '@incident-kit/core'
import { describe, expect, it, vi } from 'vitest'
import { MATTERMOST_RATE_LIMITED, MattermostRequestError, MattermostUnavailableError, type MattermostPost } from '../../client/index.js'
import { createLiveReadModel } from '../runtime/live-read-model.js'
import { SUMMARY_PROP, type PostLedger } from './post-ledger.js'
import { MAX_TIMER_MS } from './retry-waits.js'
import { createSummaryPosts, summaryPostKey } from './summary-posts.js'

const BOT = 'bot'

/** Mattermost's posts as the summaries see them, with failures a test lines up per post. */
const fakeChat = () => {
  const posts = new Map<string, MattermostPost & { deleted?: boolean }>()
  const failures = new Map<string, Error[]>()
  /** While set, patches wait for it: a refresh under way. */
  let held: Promise<void> | undefined
  let patchesHeld = 0
  /** What patching a deleted post answers: 403 as Mattermost does, or 404 as older servers do. */
  let deletedPatchStatus: 403 | 404 = 403
  const live = (postId: string, status: number = 404) => {
    const post = posts.get(postId)
    if (!post || post.deleted) throw new MattermostRequestError(status, status === 404 ? 'app.post.get.app_error' : 'api.context.permissions.app_error', 'PUT', `/posts/${postId}/patch`, 'gone')
    return post
  }
  const api = {
    createPost: async (post: { channelId: string; message: string; props?: Readonly<Record<string, unknown>> }) => {
      const created: MattermostPost = { id: `p${posts.size + 1}`, channel_id: post.channelId, user_id: BOT, root_id: '', message: post.message, type: '', props: post.props ?? {}, create_at: 0, update_at: 0 }
      posts.set(created.id, created)
      return created
    },
    patchPost: async (postId: string, patch: { message?: string }) => {
      if (held) {
        patchesHeld += 1
        await held
      }
      const failure = failures.get(postId)?.shift()
      if (failure) throw failure
      const patched = { ...live(postId, deletedPatchStatus), ...(patch.message === undefined ? {} : { message: patch.message }) }
      posts.set(postId, patched)
      return patched
    },
    pinPost: async (postId: string) => void posts.set(postId, { ...live(postId), is_pinned: true }),
    getPost: async (postId: string) => live(postId),
  }
  const ledger: PostLedger = {
    findPost: async (channelId, prop, value) => [...posts.values()].find((p) => p.channel_id === channelId && p.props[prop] === value && !p.deleted),
  }
  const summaryOf = (incidentId: string) => [...posts.values()].find((p) => p.props[SUMMARY_PROP] === incidentId && p.is_pinned && !p.deleted)
  const failNext = (postId: string, ...errors: Error[]) => failures.set(postId, errors)
  const remove = (postId: string) => posts.set(postId, { ...live(postId), deleted: true })
  const hold = () => {
    let release = () => undefined as void
    held = new Promise((resolve) => (release = resolve))
    return () => ((held = undefined), release())
  }
  const answerDeletedPatchWith = (status: 403 | 404) => void (deletedPatchStatus = status)
  return { api, ledger, posts, summaryOf, failNext, remove, hold, patchesHeld: () => patchesHeld, answerDeletedPatchWith }
}

/** A store with incidents, summaries over it, and a way to change an incident. */
const setUp = (options: { retryMs?: number; checkpoints?: CheckpointStore } = {}) => {
  const store = createInMemoryEventStore()
  const handler = createCommandHandler({ store, clock: manualClock('2026-03-01T09:00:00.000Z'), ids: sequentialIds() })
  const chat = fakeChat()
  const warnings: Array<Readonly<Record<string, unknown>>> = []
  const deps = {
    settings: {
      mattermostUrl: 'https://chat.example.com', botToken: 'token', slashTokens: [], port: 3000,
      publicUrl: 'https://bot.example.com', trigger: 'incident', reactionEmoji: 'rotating_light', signingSecret: 'secret',
    },
    api: chat.api,
    model: createLiveReadModel(store),
    names: { mention: async (id: string) => `@${id}` },
    logger: { debug: () => undefined, info: () => undefined, warn: (fields: Readonly<Record<string, unknown>>) => void warnings.push(fields), error: () => undefined },
  }
  const checkpoints = options.checkpoints ?? createInMemoryCheckpointStore()
  const summaries = createSummaryPosts(deps, { ledger: chat.ledger, checkpoints, ...(options.retryMs === undefined ? {} : { retryMs: options.retryMs }) })
  let commands = 0
  const change = async (command: Command): Promise<StoredEvent[]> => {
    const result = await handler.handle(command, { commandId: `c${++commands}`, actorId: 'alice' })
    if (E.isLeft(result)) throw new Error(result.left.message)
    return result.right
  }
  const start = async (incidentId: string) => [
    ...(await change({ type: 'StartIncident', incidentId, teamId: 't1', name: `Incident ${incidentId}`, checklists: [{ sectionId: 'triage', title: 'Triage', items: [] }] })),
    ...(await change({ type: 'LinkChannel', incidentId, channelId: `channel-${incidentId}`, channelName: `incident-${incidentId}` })),
  ]
  const addItem = (incidentId: string, title: string) => change({ type: 'AddItem', incidentId, sectionId: 'triage', title })
  // As the checkpointed delivery calls it: a failure is logged there and the batch is done.
  const afterBatch = (events: readonly StoredEvent[]) => summaries.refresh(events).catch(() => undefined)
  return { chat, checkpoints, summaries, warnings, change, start, addItem, afterBatch }
}

const waitFor = async (condition: () => boolean) => {
  for (let tries = 0; tries < 200 && !condition(); tries++) await new Promise((resolve) => setTimeout(resolve, 5))
  return condition()
}

describe('createSummaryPosts', () => {
  it('posts and pins a summary once, then edits it in place', async () => {
    const t = setUp()
    await t.afterBatch(await t.start('a'))
    await t.afterBatch(await t.addItem('a', 'Drain the queue'))
    expect(t.chat.posts.size).toBe(1)
    expect(t.chat.summaryOf('a')!.message).toContain('0/1 done')
  })

  it('refreshes a summary whose refresh failed with the next batch, even of another incident', async () => {
    const t = setUp()
    await t.afterBatch([...(await t.start('a')), ...(await t.start('b'))])
    t.chat.failNext(t.chat.summaryOf('a')!.id, new MattermostUnavailableError(MATTERMOST_RATE_LIMITED, 'too many requests', 3, 1_000))
    await t.afterBatch(await t.addItem('a', 'Drain the queue'))
    expect(t.chat.summaryOf('a')!.message).toContain('0/0 done')

    await t.afterBatch(await t.addItem('b', 'Page the DBA'))
    expect(t.chat.summaryOf('a')!.message).toContain('0/1 done')
  })

  it('refreshes a summary whose refresh failed on a timer when no batch comes, and stops when closed', async () => {
    const t = setUp({ retryMs: 10 })
    await t.afterBatch(await t.start('a'))
    const summary = t.chat.summaryOf('a')!.id
    const busy = () => new MattermostUnavailableError(MATTERMOST_RATE_LIMITED, 'too many requests', 3, undefined)
    t.chat.failNext(summary, busy(), busy())
    await t.afterBatch(await t.addItem('a', 'Drain the queue'))
    expect(await waitFor(() => t.chat.summaryOf('a')!.message.includes('0/1 done'))).toBe(true)

    t.chat.failNext(summary, busy())
    await t.afterBatch(await t.addItem('a', 'Page the DBA'))
    await t.summaries.close()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(t.chat.summaryOf('a')!.message).toContain('0/1 done')
  })

  it('does not let a wait past 2^31 ms overflow its retry timer into a 1 ms loop', async () => {
    const t = setUp({ retryMs: 10 })
    await t.afterBatch(await t.start('a'))
    const summary = t.chat.summaryOf('a')!.id
    // Node's timers (and these fake ones, like them) fire after 1 ms when asked for more than 2^31-1 ms.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      t.chat.failNext(summary, new MattermostUnavailableError(MATTERMOST_RATE_LIMITED, 'too many requests', 1, 3_000_000_000))
      await t.afterBatch(await t.addItem('a', 'Drain the queue'))
      // The wait logged is the one scheduled, not the one asked for.
      expect(t.warnings).toEqual([expect.objectContaining({ incidentId: 'a', retryInMs: MAX_TIMER_MS })])
      await vi.advanceTimersByTimeAsync(60_000)
      expect(t.chat.summaryOf('a')!.message).toContain('0/0 done')
      await vi.advanceTimersByTimeAsync(MAX_TIMER_MS)
      expect(t.chat.summaryOf('a')!.message).toContain('0/1 done')
    } finally {
      await t.summaries.close()
      vi.useRealTimers()
    }
  })

  it.each([403, 404] as const)('posts and pins a new summary when the old one was deleted (its patch answered %d), and still refreshes the other incidents of the batch', async (status) => {
    const t = setUp()
    t.chat.answerDeletedPatchWith(status)
    await t.afterBatch([...(await t.start('a')), ...(await t.start('b'))])
    const deleted = t.chat.summaryOf('a')!.id
    t.chat.remove(deleted)
    await t.afterBatch([...(await t.addItem('a', 'Drain the queue')), ...(await t.addItem('b', 'Page the DBA'))])
    const summary = t.chat.summaryOf('a')!
    expect(summary.id).not.toBe(deleted)
    expect(summary.message).toContain('0/1 done')
    expect(await t.checkpoints.load(summaryPostKey('a'))).toBe(summary.id)
    expect(t.chat.summaryOf('b')!.message).toContain('0/1 done')

    await t.afterBatch(await t.addItem('a', 'Restart the workers'))
    expect(t.chat.summaryOf('a')).toMatchObject({ id: summary.id, message: expect.stringContaining('0/2 done') })
  })

  it('warns naming the incident when Mattermost refuses its refresh, refreshes the others, and leaves it until it changes again', async () => {
    const t = setUp()
    await t.afterBatch([...(await t.start('a')), ...(await t.start('b'))])
    t.chat.failNext(t.chat.summaryOf('a')!.id, new MattermostRequestError(403, 'api.context.permissions.app_error', 'PUT', '/posts/p1/patch', 'forbidden'))
    await t.afterBatch([...(await t.addItem('a', 'Drain the queue')), ...(await t.addItem('b', 'Page the DBA'))])
    expect(t.chat.summaryOf('b')!.message).toContain('0/1 done')
    expect(t.warnings).toEqual([expect.objectContaining({ incidentId: 'a', status: 403 })])

    await t.afterBatch(await t.addItem('b', 'Restart the workers'))
    expect(t.chat.summaryOf('a')!.message).toContain('0/0 done')
    await t.afterBatch(await t.addItem('a', 'Restart the workers'))
    expect(t.chat.summaryOf('a')!.message).toContain('0/2 done')
  })

  it("forgets an ended incident's post id once its final summary is written, and reads it back when the incident is reopened", async () => {
    const checkpoints = createInMemoryCheckpointStore()
    const loads: string[] = []
    const t = setUp({ checkpoints: { ...checkpoints, load: (key) => (loads.push(key), checkpoints.load(key)) } })
    await t.afterBatch(await t.start('a'))
    const summary = t.chat.summaryOf('a')!.id
    await t.afterBatch(await t.change({ type: 'EndIncident', incidentId: 'a' }))
    expect(t.chat.summaryOf('a')!.message).toContain('(ended)')
    const loadsBefore = loads.length

    await t.afterBatch(await t.change({ type: 'ReopenIncident', incidentId: 'a' }))
    expect(loads.slice(loadsBefore)).toEqual([summaryPostKey('a')])
    expect(t.chat.summaryOf('a')).toMatchObject({ id: summary, message: expect.not.stringContaining('(ended)') })
    expect(t.chat.posts.size).toBe(1)
  })

  it("forgets an ended incident's post id also when Mattermost refused its final summary", async () => {
    const checkpoints = createInMemoryCheckpointStore()
    const loads: string[] = []
    const t = setUp({ checkpoints: { ...checkpoints, load: (key) => (loads.push(key), checkpoints.load(key)) } })
    await t.afterBatch(await t.start('a'))
    const summary = t.chat.summaryOf('a')!.id
    t.chat.failNext(summary, new MattermostRequestError(400, 'api.post.patch.app_error', 'PUT', `/posts/${summary}/patch`, 'bad request'))
    await t.afterBatch(await t.change({ type: 'EndIncident', incidentId: 'a' }))
    expect(t.warnings).toEqual([expect.objectContaining({ incidentId: 'a', status: 400 })])
    expect(t.chat.summaryOf('a')!.message).not.toContain('(ended)')
    const loadsBefore = loads.length

    // Not kept in memory: its next change reads the post id back from the store.
    await t.afterBatch(await t.change({ type: 'ReopenIncident', incidentId: 'a' }))
    expect(loads.slice(loadsBefore)).toEqual([summaryPostKey('a')])
    expect(t.chat.summaryOf('a')).toMatchObject({ id: summary })
    expect(t.chat.posts.size).toBe(1)
  })

  it('refreshes no further incident once closed, while a refresh is under way', async () => {
    const t = setUp()
    await t.afterBatch([...(await t.start('a')), ...(await t.start('b'))])
    const release = t.chat.hold()
    const refreshing = t.afterBatch([...(await t.addItem('a', 'Drain the queue')), ...(await t.addItem('b', 'Page the DBA'))])
    await waitFor(() => t.chat.patchesHeld() > 0)
    const closing = t.summaries.close()
    release()
    await Promise.all([refreshing, closing])
    expect(t.chat.summaryOf('a')!.message).toContain('0/1 done')
    expect(t.chat.summaryOf('b')!.message).toContain('0/0 done')
  })
})
