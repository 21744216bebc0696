import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import mm from '@mattermost/client'
import { createMattermostApi, type MattermostApi } from '../../src/client/index.js'
import { startFakeMattermost, skipWithoutSharedSpec, type FakeMattermost } from './index.js'

interface Captured {
  readonly method: string
  readonly url: string
  readonly headers: IncomingMessage['headers']
  readonly body: string
}

type Reply = (request: Captured) => Promise<{ status?: number; contentType?: string; body: string }> | { status?: number; contentType?: string; body: string }

/** Plays the bot's HTTP side: records what Mattermost sends and answers with `reply`. */
const startCaptureServer = async () => {
  const captured: Captured[] = []
  let reply: Reply = () => ({ body: '' })
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const entry = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') }
      captured.push(entry)
      void Promise.resolve(reply(entry)).then((answer) => {
        response.writeHead(answer.status ?? 200, { 'Content-Type': answer.contentType ?? 'application/json' })
        response.end(answer.body)
      })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    captured,
    answer: (next: Reply) => {
      reply = next
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

const json = (body: unknown) => ({ body: JSON.stringify(body) })

describe.skipIf(skipWithoutSharedSpec('fake Mattermost as the bot sees it'))('fake Mattermost as the bot sees it', () => {
  let fake: FakeMattermost
  let bot: Awaited<ReturnType<typeof startCaptureServer>>
  let api: MattermostApi
  let alice: { id: string; username: string }
  let aliceToken: string
  let clock = Date.now()

  beforeAll(async () => {
    fake = await startFakeMattermost({ now: () => clock, botRoles: 'system_admin system_user' })
    bot = await startCaptureServer()
    api = createMattermostApi({ url: fake.url, token: fake.bot.token })
    const seeded = fake.seed.user({ username: 'alice' })
    alice = seeded.user
    aliceToken = seeded.token
    fake.seed.teamMember(fake.team.id, alice.id)
    fake.joinChannel({ userId: alice.id, channelId: fake.townSquare.id })
    fake.seed.command({ teamId: fake.team.id, trigger: 'incident', url: `${bot.url}/slash` })
  })
  afterEach(() => {
    bot.captured.length = 0
    expect(fake.violations).toEqual([])
  })
  afterAll(async () => {
    await bot.close()
    await fake.close()
  })

  it('sends slash commands form-encoded with every documented field and the token header', async () => {
    bot.answer(() => json({ response_type: 'in_channel', text: 'Declared', extra_responses: [{ text: 'Only you see this' }] }))
    const outcome = await fake.sendSlashCommand({ userId: alice.id, channelId: fake.townSquare.id, text: 'start DB down @alice ~town-square' })
    const [request] = bot.captured
    const command = [...fake.state.commands.values()][0]
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(request?.headers.authorization).toBe(`Token ${command?.token}`)
    const form = new URLSearchParams(request?.body)
    expect(Object.fromEntries(form)).toMatchObject({
      token: command?.token, team_id: fake.team.id, team_domain: 'ops', channel_id: fake.townSquare.id, channel_name: 'town-square',
      user_id: alice.id, user_name: 'alice', command: '/incident', text: 'start DB down @alice ~town-square',
      trigger_id: outcome.triggerId, response_url: outcome.responseUrl,
    })
    expect(form.getAll('user_mentions_ids')).toEqual([alice.id])
    expect(form.getAll('channel_mentions_ids')).toEqual([fake.townSquare.id])
    expect(outcome.posts[0]).toMatchObject({ user_id: alice.id, message: 'Declared', props: { from_webhook: 'true' } })
    expect(outcome.ephemeral).toEqual([expect.objectContaining({ userId: alice.id, message: 'Only you see this', via: 'command_reply' })])
  })

  it('treats a non-JSON reply as ephemeral text and a non-200 as a failed command', async () => {
    bot.answer(() => ({ contentType: 'text/plain', body: 'plain words' }))
    const text = await fake.sendSlashCommand({ userId: alice.id, channelId: fake.townSquare.id, text: 'help' })
    expect(text.ephemeral.map((post) => post.message)).toEqual(['plain words'])
    bot.answer(() => ({ status: 401, body: '{}' }))
    const refused = await fake.sendSlashCommand({ userId: alice.id, channelId: fake.townSquare.id, text: 'x', token: 'forged' })
    expect(new URLSearchParams(bot.captured.at(-1)?.body).get('token')).toBe('forged')
    expect(refused).toMatchObject({ status: 401, posts: [], ephemeral: [] })
    expect(refused.error).toContain('401')
  })

  it('honours response_url five times, then refuses it', async () => {
    bot.answer(() => json({ text: 'working on it' }))
    const outcome = await fake.sendSlashCommand({ userId: alice.id, channelId: fake.townSquare.id, text: 'list' })
    for (let use = 1; use <= 5; use += 1) await api.respond(outcome.responseUrl, { text: `update ${use}` })
    await expect(api.respond(outcome.responseUrl, { text: 'one too many' })).rejects.toMatchObject({ code: 'MATTERMOST_REQUEST_REJECTED', status: 400 })
    const delivered = fake.state.ephemeralPosts.filter((post) => post.via === 'response_url').map((post) => post.message)
    expect(delivered).toEqual(['update 1', 'update 2', 'update 3', 'update 4', 'update 5'])
  })

  it('opens a dialog from a fresh trigger id, relays the submission, and refuses an expired trigger', async () => {
    bot.answer(async (request) => {
      if (!request.url.startsWith('/slash')) return request.body.includes('"summary":""') ? json({ errors: { summary: 'Required' } }) : { body: '' }
      const triggerId = new URLSearchParams(request.body).get('trigger_id') ?? ''
      await api.openDialog({ triggerId, url: `${bot.url}/dialog`, dialog: { callback_id: 'start', title: 'Start incident', state: 's1', elements: [{ display_name: 'Summary', name: 'summary', type: 'text' }] } })
      return { body: '' , status: 200, contentType: 'text/plain' }
    })
    await fake.sendSlashCommand({ userId: alice.id, channelId: fake.townSquare.id, text: 'start' })
    expect(fake.state.dialogsOpened.at(-1)).toMatchObject({ userId: alice.id, dialog: { callback_id: 'start' } })
    const invalid = await fake.submitDialog({ userId: alice.id, channelId: fake.townSquare.id, submission: { summary: '' } })
    expect(invalid).toMatchObject({ status: 200, closed: false, reply: { errors: { summary: 'Required' } } })
    const accepted = await fake.submitDialog({ userId: alice.id, channelId: fake.townSquare.id, submission: { summary: 'DB down' } })
    expect(accepted).toMatchObject({ status: 200, closed: true })
    expect(JSON.parse(bot.captured.at(-1)?.body ?? '{}')).toEqual({
      type: 'dialog_submission', callback_id: 'start', state: 's1', user_id: alice.id, channel_id: fake.townSquare.id,
      team_id: fake.team.id, submission: { summary: 'DB down' }, cancelled: false,
    })
    const trigger = [...fake.state.triggers.keys()].at(-1) ?? ''
    clock += 31_000
    await expect(api.openDialog({ triggerId: trigger, url: `${bot.url}/dialog`, dialog: { title: 'Late', elements: [] } })).rejects.toMatchObject({
      serverErrorId: 'interactive_message.decode_trigger_id.expired',
    })
  })

  it('relays button clicks with the server-side context and applies update and ephemeral_text', async () => {
    const post = await api.createPost({
      channelId: fake.townSquare.id,
      message: 'Checklist',
      attachments: [{ actions: [{ id: 'check1', name: 'Check', integration: { url: `${bot.url}/action`, context: { item: '1', sig: 'hmac' } } }] }],
    })
    bot.answer(() => json({ update: { message: 'Checked by alice', props: {} }, ephemeral_text: 'Done' }))
    const outcome = await fake.clickButton({ userId: alice.id, postId: post.id, actionId: 'check1' })
    expect(JSON.parse(bot.captured[0]?.body ?? '{}')).toMatchObject({
      user_id: alice.id, user_name: 'alice', channel_id: fake.townSquare.id, team_domain: 'ops', post_id: post.id, type: 'button',
      trigger_id: outcome.triggerId, context: { item: '1', sig: 'hmac' },
    })
    expect(bot.captured[0]?.headers.authorization).toBeUndefined()
    expect(outcome).toMatchObject({ status: 200, ephemeral: [{ message: 'Done', via: 'action_reply' }] })
    expect(fake.state.posts.get(post.id)).toMatchObject({ message: 'Checked by alice', props: { from_bot: 'true' } })
    expect(fake.state.posts.get(post.id)?.props.attachments).toBeUndefined()
    await expect(fake.clickButton({ userId: alice.id, postId: post.id, actionId: 'check1' })).resolves.toMatchObject({ status: 404 })
  })

  it('fails the click with 400 when the integration does not answer 200, leaving the post alone', async () => {
    const post = await api.createPost({
      channelId: fake.townSquare.id,
      message: 'Checklist',
      attachments: [{ actions: [{ id: 'skip2', name: 'Skip', integration: { url: `${bot.url}/action`, context: { item: '2' } } }] }],
    })
    bot.answer(() => ({ status: 500, body: '' }))
    await expect(fake.clickButton({ userId: alice.id, postId: post.id, actionId: 'skip2' })).resolves.toMatchObject({ status: 400, integrationStatus: 500 })
    expect(fake.state.posts.get(post.id)?.message).toBe('Checklist')
    await expect(fake.clickButton({ userId: alice.id, postId: post.id, actionId: 'skip_2' })).resolves.toMatchObject({ status: 404 })
  })

  it('lets a person drive the same flows through Client4: execute, click, submit', async () => {
    const human = new mm.Client4()
    human.setUrl(fake.url)
    human.setToken(aliceToken)
    bot.answer(async (request) => {
      if (request.url === '/slash') {
        const triggerId = new URLSearchParams(request.body).get('trigger_id') ?? ''
        await api.openDialog({ triggerId, url: `${bot.url}/dialog`, dialog: { callback_id: 'note', title: 'Note', elements: [] } })
        return json({ text: 'opening' })
      }
      return request.url === '/action' ? json({ ephemeral_text: 'clicked' }) : json({ errors: { text: 'too short' } })
    })
    const reply = await human.executeCommand('/incident note', { channel_id: fake.townSquare.id })
    expect(reply).toMatchObject({ text: 'opening' })
    expect(new URLSearchParams(bot.captured[0]?.body).get('text')).toBe('note')
    const post = await api.createPost({ channelId: fake.townSquare.id, message: 'm', attachments: [{ actions: [{ id: 'ack', name: 'Ack', integration: { url: `${bot.url}/action` } }] }] })
    await expect(human.doPostAction(post.id, 'ack')).resolves.toMatchObject({ status: 'OK' })
    const submitted = await human.submitInteractiveDialog({ url: `${bot.url}/dialog`, callback_id: 'note', state: '', channel_id: fake.townSquare.id, team_id: fake.team.id, submission: { text: 'x' }, cancelled: false } as never)
    expect(submitted).toMatchObject({ errors: { text: 'too short' } })
  })

  it('delivers ephemeral posts through the API when the bot may', async () => {
    await api.createEphemeralPost(alice.id, { channelId: fake.townSquare.id, message: 'psst' })
    expect(fake.state.ephemeralPosts.at(-1)).toEqual({ userId: alice.id, channelId: fake.townSquare.id, message: 'psst', props: {}, via: 'api' })
  })
})

describe.skipIf(skipWithoutSharedSpec('fake Mattermost request validation'))('fake Mattermost request validation', () => {
  let fake: FakeMattermost
  beforeAll(async () => {
    fake = await startFakeMattermost()
  })
  afterAll(async () => {
    await fake.close()
  })
  const call = (method: string, path: string, body?: unknown, token = fake.bot.token) =>
    fetch(`${fake.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })

  it('records and refuses requests the spec does not allow', async () => {
    expect((await call('GET', '/api/v4/no/such/route')).status).toBe(404)
    expect((await call('PATCH', '/api/v4/posts')).status).toBe(405)
    expect((await call('POST', '/api/v4/posts', { channel_id: 42 })).status).toBe(400)
    expect((await call('GET', `/api/v4/commands?team_id=${fake.team.id}&bogus=1`)).status).toBe(400)
    expect(fake.violations.map((violation) => violation.kind)).toEqual(['spec', 'spec', 'spec', 'spec'])
    expect(fake.violations[2]?.problems.join()).toContain("must have required property 'message'")
    expect(fake.violations[3]?.problems.join()).toContain('bogus')
  })

  it('validates post props as the object the server takes, despite the spec typing them as a string', async () => {
    const created = await (await call('POST', '/api/v4/posts', { channel_id: fake.townSquare.id, message: 'x' })).json() as { id: string }
    const before = fake.violations.length
    expect((await call('PUT', `/api/v4/posts/${created.id}/patch`, { props: { a: 1 } })).status).toBe(200)
    expect(fake.violations.length).toBe(before)
    expect((await call('PUT', `/api/v4/posts/${created.id}/patch`, { props: 'a string' })).status).toBe(400)
    expect(fake.violations.length).toBe(before + 1)
  })

  it('answers 401 with the session AppError for an unknown token, with the exact JSON content type', async () => {
    const answer = await call('GET', '/api/v4/users/me', undefined, 'wrong')
    expect(answer.status).toBe(401)
    expect(answer.headers.get('content-type')).toBe('application/json')
    await expect(answer.json()).resolves.toMatchObject({ id: 'api.context.session_expired.app_error', status_code: 401 })
  })

  it('reports buttons whose action id Mattermost could never route', async () => {
    const before = fake.violations.length
    await call('POST', '/api/v4/posts', { channel_id: fake.townSquare.id, message: 'x', props: { attachments: [{ actions: [{ id: 'check_1', name: 'Check', integration: { url: 'http://bot/a' } }] }] } })
    expect(fake.violations.slice(before)).toEqual([expect.objectContaining({ kind: 'contract', problems: [expect.stringContaining('check_1')] })])
  })

  it('applies the server channel-name rule and per-team uniqueness', async () => {
    const create = (name: string) => call('POST', '/api/v4/channels', { team_id: fake.team.id, name, display_name: 'X', type: 'P' })
    expect((await create('Bad Name')).status).toBe(400)
    expect((await create('good-name')).status).toBe(201)
    const again = await create('good-name')
    await expect(again.json()).resolves.toMatchObject({ id: 'store.sql_channel.save_channel.exists.app_error' })
  })
})
