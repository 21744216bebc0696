import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startFakeMattermost, skipWithoutSharedSpec, type FakeMattermost } from '../../test/fake-mattermost/index.js'
import { isMattermostRequestError, isMattermostUnavailable } from './errors.js'
import { createMattermostApi } from './create-mattermost-api.js'
import { isValidChannelName } from './channel-name.js'
import type { MattermostApi } from './mattermost-api.js'

const noSleep = async () => undefined

describe.skipIf(skipWithoutSharedSpec('MattermostApi against the fake server'))('MattermostApi against the fake server', () => {
  let fake: FakeMattermost
  let api: MattermostApi

  beforeAll(async () => {
    fake = await startFakeMattermost()
    api = createMattermostApi({ url: `${fake.url}/`, token: fake.bot.token, sleep: noSleep, retry: { maxAttempts: 4 } })
  })
  afterEach(async () => {
    await fake.simulate.reset()
    expect(fake.violations).toEqual([])
  })
  afterAll(async () => {
    await fake.close()
  })

  it('reads the bot, users and teams, answering undefined for unknown names', async () => {
    const alice = fake.seed.user({ username: 'alice' }).user
    await expect(api.getMe()).resolves.toMatchObject({ id: fake.bot.user.id, is_bot: true })
    await expect(api.getUser(alice.id)).resolves.toMatchObject({ username: 'alice' })
    await expect(api.getUserByUsername('@alice')).resolves.toMatchObject({ id: alice.id })
    await expect(api.getUserByUsername('nobody')).resolves.toBeUndefined()
    await expect(api.getTeam(fake.team.id)).resolves.toMatchObject({ name: 'ops' })
    await expect(api.getTeamByName('ops')).resolves.toMatchObject({ id: fake.team.id })
    await expect(api.getTeamByName('elsewhere')).resolves.toBeUndefined()
  })

  it('reads team memberships with their roles, undefined for someone never on the team', async () => {
    const dana = fake.seed.user({ username: 'dana' }).user
    const erin = fake.seed.user({ username: 'erin' }).user
    const frank = fake.seed.user({ username: 'frank' }).user
    fake.seed.teamMember(fake.team.id, dana.id, { admin: true })
    fake.seed.teamMember(fake.team.id, erin.id)
    await expect(api.getTeamMember(fake.team.id, dana.id)).resolves.toMatchObject({ user_id: dana.id, delete_at: 0, scheme_admin: true, roles: 'team_user team_admin' })
    await expect(api.getTeamMember(fake.team.id, erin.id)).resolves.toMatchObject({ user_id: erin.id, scheme_admin: false, roles: 'team_user' })
    await expect(api.getTeamMember(fake.team.id, frank.id)).resolves.toBeUndefined()
  })

  it('creates private and public channels under valid names, resolving collisions with a suffix', async () => {
    const first = await api.createChannel({ teamId: fake.team.id, displayName: 'Incident: Database down!' })
    expect(first).toMatchObject({ type: 'P', name: 'incident-database-down', display_name: 'Incident: Database down!' })
    const archived = fake.seed.channel({ teamId: fake.team.id, name: 'incident-database-down-2' })
    fake.seed.archive(archived.id)
    const third = await api.createChannel({ teamId: fake.team.id, displayName: 'Incident: Database down!', private: false })
    expect(third).toMatchObject({ type: 'O', name: 'incident-database-down-3' })
    expect(isValidChannelName(third.name)).toBe(true)
    await expect(api.getChannelByName(fake.team.id, third.name)).resolves.toMatchObject({ id: third.id })
    await expect(api.getChannelByName(fake.team.id, archived.name)).resolves.toBeUndefined()
    await expect(api.getChannelByName(fake.team.id, archived.name, { includeDeleted: true })).resolves.toMatchObject({ id: archived.id })
    await expect(api.getChannel(first.id)).resolves.toMatchObject({ creator_id: fake.bot.user.id })
  })

  it('adds members idempotently and answers membership for authorization', async () => {
    const bob = fake.seed.user({ username: 'bob' }).user
    const carol = fake.seed.user({ username: 'carol' }).user
    fake.seed.teamMember(fake.team.id, bob.id)
    fake.seed.teamMember(fake.team.id, carol.id)
    const channel = await api.createChannel({ teamId: fake.team.id, displayName: 'Membership' })
    await expect(api.addChannelMember(channel.id, bob.id)).resolves.toMatchObject({ user_id: bob.id, channel_id: channel.id })
    await expect(api.addChannelMember(channel.id, bob.id)).resolves.toMatchObject({ user_id: bob.id })
    expect(await api.isChannelMember(channel.id, bob.id)).toBe(true)
    expect(await api.isChannelMember(channel.id, carol.id)).toBe(false)
    await expect(api.getChannelMember(channel.id, carol.id)).resolves.toBeUndefined()
    const direct = await api.getDirectChannel(bob.id)
    expect(direct.type).toBe('D')
    await expect(api.getDirectChannel(bob.id)).resolves.toMatchObject({ id: direct.id })
  })

  it('creates posts with buttons, patches and pins them; the integration stays server-side', async () => {
    const post = await api.createPost({
      channelId: fake.townSquare.id,
      message: 'Incident declared',
      props: { incident_event_id: 'evt-1' },
      attachments: [{ text: 'Checklist', actions: [{ id: 'check1', name: 'Check', integration: { url: 'http://127.0.0.1:9/actions', context: { item: '1' } } }] }],
    })
    expect(post.props).toMatchObject({ incident_event_id: 'evt-1', from_bot: 'true' })
    expect(post.props.attachments?.[0]?.actions?.[0]).toEqual({ id: 'check1', name: 'Check' })
    expect(fake.state.posts.get(post.id)?.props.attachments?.[0]?.actions?.[0]?.integration?.context).toEqual({ item: '1' })
    const patched = await api.patchPost(post.id, { message: 'Incident declared (edited)' })
    expect(patched).toMatchObject({ message: 'Incident declared (edited)', props: { incident_event_id: 'evt-1' } })
    const reprops = await api.patchPost(post.id, { props: { incident_event_id: 'evt-2' }, attachments: [] })
    expect(reprops.props).toEqual({ incident_event_id: 'evt-2', attachments: [] })
    await api.pinPost(post.id)
    await expect(api.getPost(post.id)).resolves.toMatchObject({ is_pinned: true })
    await api.unpinPost(post.id)
    expect(fake.state.posts.get(post.id)?.is_pinned).toBe(false)
  })

  it('posts once when the answer to a created post is lost and the request retried', async () => {
    let lost = false
    const losingOneAnswer = (async (url: string, init: RequestInit) => {
      const answer = await fetch(url, init)
      if (!lost && init.method === 'POST' && url.endsWith('/api/v4/posts')) {
        lost = true
        throw new TypeError('fetch failed: socket hang up')
      }
      return answer
    }) as unknown as typeof fetch
    const flaky = createMattermostApi({ url: fake.url, token: fake.bot.token, fetch: losingOneAnswer, sleep: noSleep })
    const post = await flaky.createPost({ channelId: fake.townSquare.id, message: 'exactly once please' })
    expect(lost).toBe(true)
    const copies = [...fake.state.posts.values()].filter((stored) => stored.message === 'exactly once please')
    expect(copies.map((copy) => copy.id)).toEqual([post.id])
  })

  it('lists a channel\'s posts oldest first, by page or since a time', async () => {
    const channel = await api.createChannel({ teamId: fake.team.id, displayName: 'Listing' })
    const messages = ['one', 'two', 'three']
    for (const message of messages) await api.createPost({ channelId: channel.id, message, props: { incident_kit_event: message } })
    const all = await api.listChannelPosts(channel.id)
    expect(all.map((post) => post.message)).toEqual(messages)
    const newestPage = await api.listChannelPosts(channel.id, { page: 0, perPage: 2 })
    expect(newestPage.map((post) => post.message)).toEqual(['two', 'three'])
    const since = await api.listChannelPosts(channel.id, { since: all[2]?.create_at ?? 0 })
    expect(since.map((post) => post.props.incident_kit_event)).toContain('three')
  })

  it('lists its teams and its channels there, and finds a reacted-to post since the reaction with it in the metadata', async () => {
    const elsewhere = fake.seed.team({ name: 'elsewhere' })
    const joined = await api.createChannel({ teamId: fake.team.id, displayName: 'Joined' })
    const notJoined = fake.seed.channel({ teamId: fake.team.id, name: 'not-joined' })
    expect((await api.listMyTeams()).map((team) => team.id)).toEqual([fake.team.id])
    const channelIds = (await api.listMyChannels(fake.team.id)).map((channel) => channel.id)
    expect(channelIds).toEqual(expect.arrayContaining([fake.townSquare.id, joined.id]))
    expect(channelIds).not.toContain(notJoined.id)
    await expect(api.listMyChannels(elsewhere.id)).rejects.toSatisfy((error) => isMattermostRequestError(error, 403))

    const post = await api.createPost({ channelId: joined.id, message: 'old news' })
    const before = await api.listChannelPosts(joined.id, { since: post.update_at + 1 })
    expect(before.map((listed) => listed.id)).not.toContain(post.id)
    await new Promise((resolve) => setTimeout(resolve, 2))
    fake.addReaction({ userId: fake.bot.user.id, postId: post.id, emoji: 'eyes' })
    const after = await api.listChannelPosts(joined.id, { since: post.update_at + 1 })
    expect(after.find((listed) => listed.id === post.id)?.metadata?.reactions).toEqual([expect.objectContaining({ post_id: post.id, emoji_name: 'eyes' })])
  })

  it('is refused ephemeral posts as a plain bot, as a real server does', async () => {
    const error = await api.createEphemeralPost(fake.bot.user.id, { channelId: fake.townSquare.id, message: 'only you' }).catch((e: unknown) => e)
    expect(isMattermostRequestError(error, 403, 'api.context.permissions.app_error')).toBe(true)
  })

  it('registers, lists and updates slash commands', async () => {
    const created = await api.createCommand({ teamId: fake.team.id, trigger: '/Incident', url: 'http://127.0.0.1:9/slash', autoCompleteHint: '[help]' })
    expect(created).toMatchObject({ trigger: 'incident', method: 'P', auto_complete: true })
    expect(created.token).toHaveLength(26)
    const listed = await api.listCommands(fake.team.id)
    expect(listed.map((command) => command.id)).toContain(created.id)
    const updated = await api.updateCommand({ ...created, url: 'http://127.0.0.1:9/slash2' })
    expect(updated).toMatchObject({ id: created.id, url: 'http://127.0.0.1:9/slash2', token: created.token })
    const duplicate = await api.createCommand({ teamId: fake.team.id, trigger: 'incident', url: 'http://127.0.0.1:9/x' }).catch((e: unknown) => e)
    expect(isMattermostRequestError(duplicate, 400, 'api.command.duplicate_trigger.app_error')).toBe(true)
  })

  it('rides out a 429 storm (waiting Retry-After, not the bucket reset) and 5xx answers', async () => {
    const delays: number[] = []
    const patient = createMattermostApi({ url: fake.url, token: fake.bot.token, random: () => 0, sleep: async (ms) => void delays.push(ms) })
    fake.simulate.rateLimit({ requests: 2, resetSeconds: 3, retryAfterSeconds: 2 })
    await expect(patient.getTeam(fake.team.id)).resolves.toMatchObject({ name: 'ops' })
    expect(delays).toEqual([2000, 2000])
    fake.simulate.serverErrors({ requests: 2, status: 502 })
    await expect(patient.getTeam(fake.team.id)).resolves.toMatchObject({ name: 'ops' })
    expect(delays).toHaveLength(4)
  })

  it('surfaces an outage as MATTERMOST_UNAVAILABLE, then works again once the server is back', async () => {
    await fake.simulate.down('refused')
    const refused = await api.getTeam(fake.team.id).catch((e: unknown) => e)
    expect(isMattermostUnavailable(refused)).toBe(true)
    expect(refused).toMatchObject({ code: 'MATTERMOST_UNAVAILABLE', attempts: 4 })
    await fake.simulate.up()
    await fake.simulate.down('unavailable')
    await expect(api.getTeam(fake.team.id)).rejects.toMatchObject({ code: 'MATTERMOST_UNAVAILABLE' })
    await fake.simulate.up()
    await expect(api.getTeam(fake.team.id)).resolves.toMatchObject({ id: fake.team.id })
  })

  it('gives up on a server slower than the request timeout', async () => {
    fake.simulate.slow(300)
    const impatient = createMattermostApi({ url: fake.url, token: fake.bot.token, sleep: noSleep, retry: { maxAttempts: 2, attemptTimeoutMs: 30 } })
    await expect(impatient.getMe()).rejects.toMatchObject({ code: 'MATTERMOST_UNAVAILABLE', attempts: 2 })
  })

  it('reports a 429 that outlasts the budget as MATTERMOST_RATE_LIMITED with the server hint', async () => {
    fake.simulate.rateLimit({ requests: 50, resetSeconds: 120 })
    const error = await api.withRetryPolicy({ totalBudgetMs: 2_000 }).getTeam(fake.team.id).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'MATTERMOST_RATE_LIMITED', attempts: 1 })
    expect((error as { retryAfterMs: number }).retryAfterMs).toBeGreaterThanOrEqual(120_000)
  })
})
