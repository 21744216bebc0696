import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { readWholeLog } from '@incident-kit/core'
import type { MattermostTeam } from '../../src/index.js'
import { signContext } from '../../src/bot/security/signed-context.js'
import { skipWithoutSharedSpec } from '../fake-mattermost/index.js'
import { controllableStore } from './controllable-store.js'
import { eventually, seedUsers, startHarness, startIncidentThroughDialog, type Harness } from './bot-harness.js'

const events = async (h: Harness, type: string) => (await readWholeLog(h.store)).filter((e) => e.type === type)

const summaryWith = (h: Harness, channelId: string, text: string) =>
  eventually(() => [...h.fake.state.posts.values()].find((p) => p.channel_id === channelId && p.props.incident_kit_summary && JSON.stringify(p.props.attachments ?? []).includes(text)))

const checkButton = (h: Harness, channelId: string, item: string) =>
  summaryWith(h, channelId, item).then((summary) => ({ summary, check: (summary.props.attachments ?? []).flatMap((a) => a.actions ?? []).find((a) => a.name === 'Check')! }))

describe.skipIf(skipWithoutSharedSpec('bot requests end to end'))('requests to the bot: tokens, teams, failures and deadlines', { timeout: 40_000 }, () => {
  let h: Harness
  let db: ReturnType<typeof controllableStore>
  let alice: string
  let mallory: string
  let dev: MattermostTeam

  const post = (path: string, body: string, headers: Record<string, string>) => fetch(`${h.settings.publicUrl}${path}`, { method: 'POST', headers, body })
  const postJson = (path: string, body: unknown) => post(path, JSON.stringify(body), { 'Content-Type': 'application/json' })
  /** A slash request as someone holding `token` can write it: every field is theirs to choose. */
  const slashWith = (token: string, team: MattermostTeam, fields: Record<string, string>) =>
    post(
      '/mattermost/slash',
      new URLSearchParams({ token, team_id: team.id, team_domain: team.name, channel_id: h.fake.townSquare.id, user_id: alice, user_name: 'alice', ...fields }).toString(),
      { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Token ${token}` },
    )
  const slashAs = (token: string, team: MattermostTeam, text: string) => slashWith(token, team, { text })
  const tokenOf = (team: MattermostTeam) => [...h.fake.state.commands.values()].find((command) => command.team_id === team.id)!.token
  const replyText = async (answer: Response) => ((await answer.json()) as { text: string }).text

  beforeAll(async () => {
    db = controllableStore()
    h = await startHarness({ otherTeams: ['dev', 'qa'], storage: db.storage })
    ;[alice, mallory] = seedUsers(h, 'alice', 'mallory') as [string, string]
    dev = [...h.fake.state.teams.values()].find((t) => t.name === 'dev')!
    await h.startBot()
  })
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') console.log(h.logs.join('\n'))
    db.slowDown(0)
    db.breakDown(false)
    await h.fake.simulate.reset()
  })
  afterAll(async () => {
    const logs = h?.logs.join('\n') ?? ''
    expect(logs).not.toContain(h.fake.bot.token)
    for (const { token } of h.fake.state.commands.values()) expect(logs).not.toContain(token)
    expect(h.fake.violations).toEqual([])
    await h?.close()
  })

  it('logs only the first characters of the ids an unauthenticated request claims', async () => {
    const before = h.logs.length
    const huge = 'A'.repeat(100_000)
    const slash = await post('/mattermost/slash', new URLSearchParams({ token: 'forged', team_id: huge, user_id: huge }).toString(), {
      'Content-Type': 'application/x-www-form-urlencoded',
    })
    expect(slash.status).toBe(401)
    expect((await postJson('/mattermost/actions', { user_id: huge, channel_id: huge, context: {} })).status).toBe(200)
    const written = h.logs.slice(before)
    expect(written.some((line) => line.includes('unknown token refused'))).toBe(true)
    expect(written.some((line) => line.includes('invalid context refused'))).toBe(true)
    for (const line of written) expect(line.length).toBeLessThan(1_000)
  })

  it("refuses with 401 a slash token used for another team than its command's, storing nothing", async () => {
    const devToken = [...h.fake.state.commands.values()].find((command) => command.team_id === dev.id)!.token
    const before = (await readWholeLog(h.store)).length
    // `ops` is bound by id, `dev` by name: neither opens the other team, whatever name the request gives.
    for (const forged of [
      slashAs(h.slashToken, dev, 'playbook create Forged in dev'),
      slashAs(h.slashToken, { ...dev, name: h.fake.team.name }, 'playbook create Forged in dev'),
      slashAs(devToken, h.fake.team, 'playbook create Forged in ops'),
      slashAs(devToken, { ...h.fake.team, name: 'dev' }, 'playbook create Forged in ops'),
    ]) {
      const answer = await forged
      expect(answer.status).toBe(401)
      expect(((await answer.json()) as { text: string }).text).toContain("belongs to another team's command")
    }
    expect((await readWholeLog(h.store)).length).toBe(before)
    const own = await slashAs(devToken, dev, 'help')
    expect(own.status).toBe(200)
  })

  it('asks to try again, storing nothing, when Mattermost cannot confirm the team a token is bound to by name', async () => {
    const qa = [...h.fake.state.teams.values()].find((t) => t.name === 'qa')!
    const qaToken = [...h.fake.state.commands.values()].find((command) => command.team_id === qa.id)!.token
    const before = (await readWholeLog(h.store)).length
    await h.fake.simulate.down('unavailable')
    const answer = await slashAs(qaToken, qa, 'playbook create Unconfirmed')
    expect(answer.status).toBe(200)
    expect(((await answer.json()) as { text: string }).text).toBe(':warning: Mattermost cannot confirm the team of this command right now; try again in a moment.')
    expect((await readWholeLog(h.store)).length).toBe(before)
    await h.fake.simulate.reset()
    expect((await slashAs(qaToken, qa, 'help')).status).toBe(200)
  })

  it("acts on no incident of another team, even when a request of the token's own team names that incident's channel", async () => {
    const channelId = await startIncidentThroughDialog(h, alice, { name: 'Ops secret outage', description: 'ops-only details' })
    const before = (await readWholeLog(h.store)).length
    for (const text of ['info', 'end', 'timeline', 'note forged']) {
      // The ops commander's id, in the ops channel, with dev's token and dev's team: only the team differs from a real request.
      const answer = await slashWith(tokenOf(dev), dev, { channel_id: channelId, text })
      expect(answer.status).toBe(200)
      const reply = await replyText(answer)
      expect(reply).toContain("acts on an incident: run it in the incident's channel")
      expect(reply).not.toContain('Ops secret outage')
      expect(reply).not.toContain('ops-only details')
    }
    expect((await readWholeLog(h.store)).length).toBe(before)
    expect(h.logs.filter((line) => line.includes("slash request on another team's incident channel refused"))).toHaveLength(4)
    expect(await replyText(await slashWith(h.slashToken, h.fake.team, { channel_id: channelId, text: 'info' }))).toContain('ops-only details')
  })

  it("keeps the names a request states to that request: another team's token cannot rename people for the bot", async () => {
    const [carol] = seedUsers(h, 'carol') as [string]
    // Written with dev's token: "carol" is mallory, and the caller mallory calls herself carol too.
    const forged = await slashWith(tokenOf(dev), dev, { user_id: mallory, user_name: 'carol', user_mentions: 'carol', user_mentions_ids: mallory, text: 'help' })
    expect(forged.status).toBe(200)
    const channelId = await startIncidentThroughDialog(h, alice, { name: 'Names stay put' })
    const handedOver = await slashWith(h.slashToken, h.fake.team, { channel_id: channelId, text: 'commander carol' })
    expect(await replyText(handedOver)).toBe('Command handed over.')
    const [changed] = (await events(h, 'incident.commander_changed')).slice(-1)
    expect(changed?.data).toEqual(expect.objectContaining({ to: carol }))
    const post = await eventually(() => [...h.fake.state.posts.values()].find((p) => p.channel_id === channelId && p.message.includes('handed command')))
    expect(post.message).toContain('@carol')
  })

  it('runs no command for a HEAD of the slash route, which a GET would run', async () => {
    const query = (text: string) => new URLSearchParams({ token: h.slashToken, team_id: h.fake.team.id, team_domain: h.fake.team.name, channel_id: h.fake.townSquare.id, user_id: alice, text })
    const head = await fetch(`${h.settings.publicUrl}/mattermost/slash?${query('playbook create Asked by HEAD').toString()}`, { method: 'HEAD' })
    expect(head.status).toBe(404)
    const get = await fetch(`${h.settings.publicUrl}/mattermost/slash?${query('playbook create Asked by GET').toString()}`)
    expect(get.status).toBe(200)
    const created = (await events(h, 'playbook.created')).map((e) => JSON.stringify(e.data))
    expect(created.filter((data) => data.includes('Asked by'))).toEqual([expect.stringContaining('Asked by GET')])
  })

  it('checks the slash token before the other fields', async () => {
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' }
    const withoutToken = await post('/mattermost/slash', 'text=help', form)
    expect(withoutToken.status).toBe(401)
    expect(((await withoutToken.json()) as { text: string }).text).toContain('valid slash command token')
    expect((await post('/mattermost/slash', `token=${h.slashToken}&text=help`, form)).status).toBe(400)
  })

  it('starts an incident from the start dialog in the team the dialog was opened in, whatever team the submission names', async () => {
    const opened = h.fake.state.dialogsOpened.length
    await h.fake.sendSlashCommand({ userId: alice, channelId: h.fake.townSquare.id, text: 'start' })
    const dialog = await eventually(() => h.fake.state.dialogsOpened[opened])
    const submission = { type: 'dialog_submission', callback_id: 'start', state: dialog.dialog.state, user_id: alice, channel_id: h.fake.townSquare.id, team_id: dev.id, submission: { name: 'Claims another team' } }
    expect(await (await postJson('/mattermost/dialogs', submission)).json()).toEqual({})
    const started = await eventually(async () => (await events(h, 'incident.started')).find((e) => (e.data as { name: string }).name === 'Claims another team'))
    expect((started.data as { teamId: string }).teamId).toBe(h.fake.team.id)
  })

  it('refuses a start dialog whose signed state names no team', async () => {
    const secret = h.settings.signingSecret
    const base = { action: 'start', incidentId: '', channelId: h.fake.townSquare.id, userId: alice }
    for (const [nonce, teamId] of [['before-teams', undefined], ['empty-team', '']] as const) {
      const state = JSON.stringify(signContext(secret, { ...base, nonce, ...(teamId !== undefined ? { teamId } : {}) }))
      const answer = await postJson('/mattermost/dialogs', { callback_id: 'start', state, user_id: alice, channel_id: h.fake.townSquare.id, team_id: h.fake.team.id, submission: { name: `Unsigned team ${nonce}` } })
      expect(((await answer.json()) as { error?: string }).error).toContain('not valid')
    }
    expect((await events(h, 'incident.started')).filter((e) => (e.data as { name: string }).name.startsWith('Unsigned team'))).toEqual([])
  })

  it('refuses a dialog it does not know, even with a state it signed', async () => {
    const channelId = await startIncidentThroughDialog(h, alice, { name: 'Unknown dialog' })
    await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'add section Steps' })
    const started = (await events(h, 'incident.started')).find((e) => (e.data as { name: string }).name === 'Unknown dialog')!
    const incidentId = (started.data as { incidentId: string }).incidentId
    const state = JSON.stringify(signContext(h.settings.signingSecret, { action: 'rename', incidentId, channelId, userId: alice, nonce: 'unknown-1' }))
    const answer = await postJson('/mattermost/dialogs', { callback_id: 'rename', state, user_id: alice, channel_id: channelId, submission: { title: 'Injected item' } })
    expect(((await answer.json()) as { error?: string }).error).toContain('no such dialog')
    expect((await events(h, 'checklist.item_added')).filter((e) => JSON.stringify(e.data).includes('Injected item'))).toEqual([])
  })

  it("keeps the status of a client's malformed request, answers it in words and logs it as a warning", async () => {
    const logsBefore = h.logs.length
    const refused = [
      [await post('/mattermost/dialogs', '<submission/>', { 'Content-Type': 'application/xml' }), 415, 'Unsupported Media Type'],
      [await postJson('/mattermost/actions', { padding: 'x'.repeat(300 * 1024) }), 413, 'too large'],
      [await post('/mattermost/actions', '{"user_id":', { 'Content-Type': 'application/json' }), 400, 'not valid JSON'],
    ] as const
    for (const [answer, status, words] of refused) {
      expect(answer.status).toBe(status)
      expect(((await answer.json()) as { text: string }).text).toContain(words)
    }
    const lines = h.logs.slice(logsBefore).filter((line) => line.includes('request refused') || line.includes('request failed'))
    expect(lines).toHaveLength(3)
    expect(lines.every((line) => line.startsWith('warn request refused'))).toBe(true)
  })

  it('answers a click and a dialog submission in words while the database is down', async () => {
    const channelId = await startIncidentThroughDialog(h, alice, { name: 'Database gone' })
    await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'add section Steps' })
    await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'add Restore the backup' })
    const { summary, check } = await checkButton(h, channelId, 'Restore the backup')
    const opened = h.fake.state.dialogsOpened.length
    await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'status' })
    const statusDialog = await eventually(() => h.fake.state.dialogsOpened[opened])
    db.breakDown(true)
    const click = await h.fake.clickButton({ userId: alice, postId: summary.id, actionId: check.id! })
    expect(click.status).toBe(200)
    expect(click.ephemeral[0]?.message).toContain('Something went wrong while handling this click')
    const failed = await h.fake.submitDialog({ userId: alice, channelId, submission: { message: 'Restoring' }, dialog: statusDialog })
    expect(failed).toMatchObject({ status: 200, closed: false })
    expect(String(failed.reply?.error)).toContain('Something went wrong while handling this submission')
    db.breakDown(false)
    expect(await h.fake.submitDialog({ userId: alice, channelId, submission: { message: 'Restoring' }, dialog: statusDialog })).toMatchObject({ closed: true })
  })

  it('with the database slow, answers a slash command early and sends its result, a refusal too, through response_url', async () => {
    const channelId = await startIncidentThroughDialog(h, alice, { name: 'Slow database' })
    db.slowDown(3_000)
    const [refusal, note] = await Promise.all([
      h.fake.sendSlashCommand({ userId: mallory, channelId, text: 'note from outside' }),
      h.fake.sendSlashCommand({ userId: alice, channelId, text: 'note from inside' }),
    ])
    for (const early of [refusal, note]) expect(early.response?.text).toContain('is being carried out')
    const lateTo = (userId: string) => eventually(() => h.fake.state.ephemeralPosts.find((p) => p.via === 'response_url' && p.userId === userId && p.channelId === channelId), 20_000)
    expect((await lateTo(mallory)).message).toContain('Only members')
    expect((await lateTo(alice)).message).toContain('Added to the timeline')
  })

  it('with the database slow, tells a clicker refused after the early reply in a direct message, and logs why', async () => {
    const channelId = await startIncidentThroughDialog(h, alice, { name: 'Slow refusal' })
    await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'add section Steps' })
    await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'add Page the DBA' })
    const { summary, check } = await checkButton(h, channelId, 'Page the DBA')
    const logsBefore = h.logs.length
    db.slowDown(2_600)
    // Mallory is no member of the incident channel: the refusal comes once the incident is read, after the early reply.
    const click = await h.fake.clickButton({ userId: mallory, postId: summary.id, actionId: check.id! })
    expect(click.ephemeral[0]?.message).toContain('If it cannot be done, the bot tells you in a direct message.')
    const toMallory = (channelId: string) => h.fake.state.channels.get(channelId)?.type === 'D' && h.fake.state.channels.get(channelId)!.name.includes(mallory)
    const told = await eventually(() => [...h.fake.state.posts.values()].find((p) => p.message.includes('Only members of the incident channel') && toMallory(p.channel_id)), 20_000)
    expect(told.message).toMatch(/^:warning: Your click on a button of the incident bot was not carried out after all: Only members/)
    expect(h.logs.slice(logsBefore).filter((line) => line.startsWith('warn button click refused after the early reply'))).toEqual([
      expect.stringMatching(new RegExp(`"userId":"${mallory}".*"postId":"${summary.id}".*"refusal":":warning: Only members of the incident channel`)),
    ])
    expect((await events(h, 'checklist.item_checked')).filter((e) => e.actorId === mallory)).toEqual([])
  })

  it('with the database slow, answers a click and a dialog within 3 seconds; the dialog stays open and acts once when submitted again', async () => {
    const channelId = await startIncidentThroughDialog(h, alice, { name: 'Slow clicks' })
    await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'add section Steps' })
    await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'add Drain the queue' })
    const { summary, check } = await checkButton(h, channelId, 'Drain the queue')
    const opened = h.fake.state.dialogsOpened.length
    await h.fake.sendSlashCommand({ userId: alice, channelId: h.fake.townSquare.id, text: 'start' })
    const startDialog = await eventually(() => h.fake.state.dialogsOpened[opened])
    db.slowDown(3_000)
    let started = Date.now()
    const click = await h.fake.clickButton({ userId: alice, postId: summary.id, actionId: check.id! })
    expect(Date.now() - started).toBeLessThan(3_000)
    expect(click.ephemeral[0]?.message).toContain('your click was received and is being carried out')
    started = Date.now()
    const submission = { userId: alice, channelId: h.fake.townSquare.id, submission: { name: 'Started while slow' }, dialog: startDialog }
    const early = await h.fake.submitDialog(submission)
    expect(Date.now() - started).toBeLessThan(3_000)
    expect(early.closed).toBe(false)
    expect(String(early.reply?.error)).toContain('your submission was received and is being carried out')
    db.slowDown(0)
    await eventually(async () => (await events(h, 'checklist.item_checked')).length > 0 && (await events(h, 'incident.started')).some((e) => (e.data as { name: string }).name === 'Started while slow'), 20_000)
    expect(await h.fake.submitDialog(submission)).toMatchObject({ closed: true })
    expect((await events(h, 'incident.started')).filter((e) => (e.data as { name: string }).name === 'Started while slow')).toHaveLength(1)
  })
})

describe.skipIf(skipWithoutSharedSpec('bot requests to a slow Mattermost'))('requests a person waits on, to a slow Mattermost', { timeout: 40_000 }, () => {
  let h: Harness
  afterAll(async () => {
    await h?.close()
  })

  it('give up on Mattermost after about 2 seconds, even when background requests may wait 10', async () => {
    h = await startHarness()
    const [alice] = seedUsers(h, 'alice') as [string]
    await h.startBot({ requestTimeoutMs: 10_000 })
    const channelId = await startIncidentThroughDialog(h, alice, { name: 'Slow chat server' })
    await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'add section Steps' })
    await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'add Restart the proxy' })
    const { summary, check } = await checkButton(h, channelId, 'Restart the proxy')
    h.fake.simulate.slow(8_000)
    const started = Date.now()
    // The membership check times out; alice is known to be a member (the bot added her), so the click acts.
    const click = h.fake.clickButton({ userId: alice, postId: summary.id, actionId: check.id! })
    await eventually(async () => (await events(h, 'checklist.item_checked')).length > 0, 6_000)
    expect(Date.now() - started).toBeLessThan(4_000)
    expect((await click).status).toBe(200)
    h.fake.simulate.slow(0)
  })
})
