import { expect } from 'vitest'
import { createInMemoryCheckpointStore, createInMemoryEventStore, readWholeLog, type CheckpointStore, type EventStore } from '@incident-kit/core'
import { eventually } from '@incident-kit/core/testing'
import { EVENT_ID_PROP, runMattermostBot, type BotLocks, type BotSettings, type RunningBot } from '../../src/index.js'
import { freePort, startFakeMattermost, type FakeMattermost } from '../fake-mattermost/index.js'

/** The bot tests poll with it: the bot posts asynchronously. */
export { eventually }

/** One lock for the replicas of a test, as PostgreSQL's advisory lock would be. */
export const inMemoryLocks = (): BotLocks => {
  const held = new Set<string>()
  return {
    tryLock: async (name) => {
      if (held.has(name)) return undefined
      held.add(name)
      return { release: async () => void held.delete(name) }
    },
  }
}

export interface Harness {
  readonly fake: FakeMattermost
  readonly store: EventStore
  readonly checkpoints: CheckpointStore
  readonly settings: BotSettings
  readonly slashToken: string
  bots: RunningBot[]
  /** Warnings and errors the bots logged, for failure messages. */
  readonly logs: string[]
  startBot(options?: {
    locks?: BotLocks
    port?: number
    reminderCheckMs?: number
    reactionsSeenSaveMs?: number
    clock?: { now(): string }
    /** Per-attempt timeout of the bot's background requests; 1 s unless given. */
    requestTimeoutMs?: number
    /** How long a request to the bot may take to arrive; the bot's default unless given. */
    requestReceiveTimeoutMs?: number
    /** How long a kept-alive connection to the bot may sit idle; the bot's default unless given. */
    idleConnectionTimeoutMs?: number
  }): Promise<RunningBot>
  close(): Promise<void>
}

/**
 * A fake Mattermost with the slash command registered, a shared store (in memory unless given), and bots on it.
 *
 * @example
 * const h = await startHarness(); const bot = await h.startBot()
 */
export const startHarness = async (
  options: {
    otherTeams?: readonly string[]
    verbosity?: BotSettings['verbosity']
    fakeNow?: () => number
    /** A database for the bots; in memory by default. */
    storage?: { store: EventStore; checkpoints: CheckpointStore }
  } = {},
): Promise<Harness> => {
  const fake = await startFakeMattermost(options.fakeNow ? { now: options.fakeNow } : {})
  const store = options.storage?.store ?? createInMemoryEventStore()
  const checkpoints = options.storage?.checkpoints ?? createInMemoryCheckpointStore()
  const port = await freePort()
  const publicUrl = `http://127.0.0.1:${port}`
  const command = fake.seed.command({ teamId: fake.team.id, trigger: 'incident', url: `${publicUrl}/mattermost/slash` })
  // The other teams' tokens are bound by team name, `ops`'s by id: the bot accepts both forms.
  const otherTokens = (options.otherTeams ?? []).map((name) => {
    const team = fake.seed.team({ name, memberIds: [fake.bot.user.id] })
    fake.seed.channel({ teamId: team.id, name: 'town-square', memberIds: [fake.bot.user.id] })
    return { team: name, token: fake.seed.command({ teamId: team.id, trigger: 'incident', url: `${publicUrl}/mattermost/slash` }).token }
  })
  const settings: BotSettings = {
    mattermostUrl: fake.url,
    botToken: fake.bot.token,
    slashTokens: [{ team: fake.team.id, token: command.token }, ...otherTokens],
    port,
    publicUrl,
    trigger: 'incident',
    reactionEmoji: 'rotating_light',
    signingSecret: 'test-secret',
    ...(options.verbosity ? { verbosity: options.verbosity } : {}),
  }
  const logs: string[] = []
  const keep = (level: string) => (object: Readonly<Record<string, unknown>>, message?: string) => void logs.push(`${level} ${message ?? ''} ${JSON.stringify(object)}`)
  const logger = { debug: () => undefined, info: () => undefined, warn: keep('warn'), error: keep('error') }
  const harness: Harness = {
    fake,
    store,
    checkpoints,
    settings,
    slashToken: command.token,
    bots: [],
    logs,
    startBot: async (options = {}) => {
      const bot = await runMattermostBot({
        settings: { ...settings, port: options.port ?? port },
        store,
        checkpoints,
        logger,
        ...(options.locks ? { locks: options.locks } : {}),
        ...(options.clock ? { clock: options.clock } : {}),
        tuning: {
          host: '127.0.0.1',
          leaderRetryMs: 50,
          deliveryRetryMs: 50,
          maxDeliveryRetryMs: 200,
          reminderCheckMs: options.reminderCheckMs ?? 60_000,
          ...(options.reactionsSeenSaveMs !== undefined ? { reactionsSeenSaveMs: options.reactionsSeenSaveMs } : {}),
          requestTimeoutMs: options.requestTimeoutMs ?? 1_000,
          ...(options.requestReceiveTimeoutMs !== undefined ? { requestReceiveTimeoutMs: options.requestReceiveTimeoutMs } : {}),
          ...(options.idleConnectionTimeoutMs !== undefined ? { idleConnectionTimeoutMs: options.idleConnectionTimeoutMs } : {}),
          webSocket: { minRetryMs: 50, jitterMs: 10 },
        },
      })
      harness.bots.push(bot)
      return bot
    },
    close: async () => {
      for (const bot of harness.bots) await bot.close()
      await fake.close()
    },
  }
  return harness
}

/** Seeds team members by username and returns their ids. */
export const seedUsers = (h: Harness, ...usernames: string[]): string[] =>
  usernames.map((username) => {
    const { user } = h.fake.seed.user({ username })
    h.fake.seed.teamMember(h.fake.team.id, user.id)
    return user.id
  })

/** A slash request in Mattermost's format sent straight to one bot (a replica, or a redelivery). */
export const slashTo = (h: Harness, baseUrl: string, fields: { userId: string; userName: string; channelId: string; text: string; triggerId: string }) =>
  fetch(`${baseUrl}/mattermost/slash`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Token ${h.slashToken}` },
    body: new URLSearchParams({
      token: h.slashToken, team_id: h.fake.team.id, team_domain: h.fake.team.name, channel_id: fields.channelId, user_id: fields.userId,
      user_name: fields.userName, command: '/incident', text: fields.text, trigger_id: fields.triggerId,
    }).toString(),
  })

/** The bot's posts (those carrying an event id) in a channel. */
export const eventPosts = (h: Harness, channelId: string) =>
  [...h.fake.state.posts.values()].filter((p) => p.channel_id === channelId && typeof p.props[EVENT_ID_PROP] === 'string')

/** Every delivery key appears on one post only: no message was posted twice. */
export const expectNoDuplicatePosts = (h: Harness) => {
  const keys = [...h.fake.state.posts.values()].map((p) => p.props.incident_kit_delivery).filter((k) => typeof k === 'string')
  expect(new Set(keys).size).toBe(keys.length)
}

/** A person's post in Town Square, where reactions start incidents. */
export const postInTownSquare = (h: Harness, userId: string, message: string) => h.fake.postAsUser({ userId, channelId: h.fake.townSquare.id, message })

/** The `incident.started` events quoting a post. */
export const incidentsStartedFrom = async (h: Harness, postId: string) =>
  (await readWholeLog(h.store)).filter((e) => e.type === 'incident.started' && JSON.stringify(e.data).includes(postId))

/** Waits for the channel with this display name (an incident's is its name). */
export const channelNamed = (h: Harness, displayName: string) => eventually(() => [...h.fake.state.channels.values()].find((c) => c.display_name === displayName))

/**
 * Starts an incident as a person does: `/incident start`, then the dialog. Resolves with its
 * channel once the bot created and linked it.
 *
 * @example
 * const channelId = await startIncidentThroughDialog(h, alice, { name: 'DB down' })
 */
export const startIncidentThroughDialog = async (
  h: Harness,
  userId: string,
  submission: Readonly<Record<string, unknown>>,
  fromChannelId: string = h.fake.townSquare.id,
): Promise<string> => {
  const opened = h.fake.state.dialogsOpened.length
  await h.fake.sendSlashCommand({ userId, channelId: fromChannelId, text: 'start' })
  const dialog = await eventually(() => h.fake.state.dialogsOpened[opened])
  await h.fake.submitDialog({ userId, channelId: fromChannelId, submission, dialog })
  const name = String(submission.name)
  const channel = await eventually(() =>
    [...h.fake.state.channels.values()].find((c) => c.display_name === name && (c.purpose ?? '').includes('incident-kit:') && h.fake.state.channelMembers.get(c.id)?.has(userId)),
  )
  await eventually(() => [...h.fake.state.posts.values()].find((p) => p.channel_id === channel.id && p.props.incident_kit_summary && p.is_pinned))
  return channel.id
}
