import { DELIVERY_PROP, EVENT_ID_PROP, runMattermostBot, type BotSettings, type RunningBot, type SlashTokenBinding } from '@incident-kit/adapter-mattermost'
import { freePort, skipWithoutSharedSpec, startFakeMattermost, type FakeMattermost } from '@incident-kit/adapter-mattermost/testing'
import { createSqlEventStore, type SqlEventStore } from '@incident-kit/adapter-sql'
import { POSTGRES_TEST_URL, describePostgres, dropSchemas, uniqueSchema } from '@incident-kit/adapter-sql/testing'
import { readWholeLog, type StoredEvent } from '@incident-kit/core'
import { afterEach, describe, expect, it, vi } from 'vitest'

// Issue 5: "exactly one message per event across restarts and with two bot replicas on one Postgres".
// Two bots, each with its own store (own connection pool) on one schema, as two processes would run.

const WAIT = { timeout: 15_000, interval: 25 }
const TUNING = { host: '127.0.0.1', leaderRetryMs: 50, deliveryRetryMs: 50, maxDeliveryRetryMs: 200, reminderCheckMs: 60_000, requestTimeoutMs: 2_000, webSocket: { minRetryMs: 50, jitterMs: 10 } }

/** One bot process: its slash trigger in the fake points at it, so commands can be sent to either replica. */
interface Replica {
  readonly trigger: string
  readonly port: number
  running?: { readonly store: SqlEventStore; readonly bot: RunningBot }
}

/** A slash command and the event type it records (each a channel message at the default verbosity). */
interface Step {
  readonly text: string
  readonly records: StoredEvent['type']
}

describePostgres('two Mattermost bot replicas on one PostgreSQL', () => {
  describe.skipIf(skipWithoutSharedSpec('bot replicas on Postgres'))('through a fake Mattermost', { timeout: 60_000 }, () => {
    let fake: FakeMattermost
    let schema: string
    const replicas: Replica[] = []
    const logs: string[] = []

    afterEach(async (context) => {
      if (context.task.result?.state === 'fail') console.log(logs.join('\n'))
      for (const replica of replicas) await stopReplica(replica)
      await fake.close()
      await dropSchemas([schema])
    })

    const keep = (level: string) => (object: Readonly<Record<string, unknown>>, message?: string) => void logs.push(`${level} ${message ?? ''} ${JSON.stringify(object)}`)
    const logger = { debug: () => undefined, info: () => undefined, warn: keep('warn'), error: keep('error') }

    const settingsFor = (port: number, slashTokens: readonly SlashTokenBinding[]): BotSettings => ({
      mattermostUrl: fake.url,
      botToken: fake.bot.token,
      slashTokens,
      port,
      publicUrl: `http://127.0.0.1:${port}`,
      trigger: 'incident',
      reactionEmoji: 'rotating_light',
      signingSecret: 'replicas-test-secret',
    })

    const startReplica = async (replica: Replica, slashTokens: readonly SlashTokenBinding[]) => {
      const store = await createSqlEventStore({ url: POSTGRES_TEST_URL, schema, poolSize: 4, pollIntervalMs: 50 })
      const bot = await runMattermostBot({ settings: settingsFor(replica.port, slashTokens), store, checkpoints: store.checkpoints, locks: store, logger, tuning: TUNING })
      replica.running = { store, bot }
    }

    /** As a process stopping: the bot lets go of its lock, then the pool closes. */
    async function stopReplica(replica: Replica) {
      const running = replica.running
      replica.running = undefined
      await running?.bot.close()
      await running?.store.close()
    }

    const leaderOf = () => replicas.filter((r) => r.running?.bot.isLeader())

    /** What each replica answered, to explain a failure. */
    const replies: string[] = []
    const send = async (userId: string, channelId: string, replica: Replica, text: string) => {
      const outcome = await fake.sendSlashCommand({ userId, channelId, text, trigger: replica.trigger })
      replies.push(`/${replica.trigger} ${text} -> ${outcome.response?.text ?? outcome.error ?? ''}`)
      expect(outcome.status, `${text} via /${replica.trigger}`).toBe(200)
    }

    const eventPosts = () => [...fake.state.posts.values()].filter((p) => typeof p.props[EVENT_ID_PROP] === 'string')

    it('posts each event exactly once while commands reach both replicas, through two failovers and a restart', async () => {
      fake = await startFakeMattermost()
      schema = uniqueSchema('bot_replicas')
      const { user: alice } = fake.seed.user({ username: 'alice' })
      fake.seed.teamMember(fake.team.id, alice.id)
      for (const trigger of ['incident', 'incidentb']) replicas.push({ trigger, port: await freePort() })
      const slashTokens = replicas.map((r) => ({ team: fake.team.id, token: fake.seed.command({ teamId: fake.team.id, trigger: r.trigger, url: `http://127.0.0.1:${r.port}/mattermost/slash` }).token }))
      const [first, second] = replicas as [Replica, Replica]
      await startReplica(first, slashTokens)
      await startReplica(second, slashTokens)
      await vi.waitFor(() => expect(leaderOf()).toHaveLength(1), WAIT)

      // Started as a person does: `/incident start` on one replica, the dialog answered to it.
      await send(alice.id, fake.townSquare.id, first, 'start')
      const dialog = await vi.waitFor(() => fake.state.dialogsOpened[0] ?? expect.fail('no dialog yet'), WAIT)
      await fake.submitDialog({ userId: alice.id, channelId: fake.townSquare.id, submission: { name: 'Primary database down' }, dialog })
      const channel = await vi.waitFor(() => [...fake.state.channels.values()].find((c) => c.display_name === 'Primary database down') ?? expect.fail('no channel yet'), WAIT)
      // As a person: the channel is there for alice once she has been added to it.
      await vi.waitFor(() => expect(fake.state.channelMembers.get(channel.id)?.has(alice.id)).toBe(true), WAIT)

      const sent: Step[] = []
      const run = async (replica: Replica, step: Step) => {
        await send(alice.id, channel.id, replica, step.text)
        sent.push(step)
      }
      /** Waits until every command so far has its message, then checks no event was posted twice. */
      const expectEachEventPostedOnce = async () => {
        const events = await vi.waitFor(async () => {
          const store = replicas.find((r) => r.running)?.running?.store ?? expect.fail('no replica running')
          const stored = await readWholeLog(store)
          const posted = new Set(eventPosts().map((p) => p.props[EVENT_ID_PROP]))
          const awaited = stored.filter((e) => sent.some((s) => s.records === e.type))
          expect(awaited.length, replies.join('\n')).toBeGreaterThanOrEqual(sent.length)
          expect(awaited.filter((e) => !posted.has(e.id))).toEqual([])
          return stored
        }, WAIT)
        const storedIds = new Set(events.map((e) => e.id))
        for (const type of new Set(sent.map((s) => s.records))) {
          expect(events.filter((e) => e.type === type), type).toHaveLength(sent.filter((s) => s.records === type).length)
        }
        for (const event of events.filter((e) => sent.some((s) => s.records === e.type))) {
          const posts = eventPosts().filter((p) => p.props[EVENT_ID_PROP] === event.id)
          expect(posts.map((p) => [p.channel_id, p.props[DELIVERY_PROP]]), `${event.type} ${event.id}`).toEqual([[channel.id, `${event.id}:channel`]])
        }
        const keys = eventPosts().map((p) => String(p.props[DELIVERY_PROP]))
        expect(keys.length - new Set(keys).size, 'posts sharing a delivery key').toBe(0)
        expect(eventPosts().filter((p) => !storedIds.has(String(p.props[EVENT_ID_PROP]))), 'posts of unknown events').toEqual([])
        expect(events.filter((e) => e.type === 'incident.channel_linked')).toHaveLength(1)
        expect(fake.violations).toEqual([])
      }

      // Both replicas take commands; only the leader posts.
      await run(first, { text: 'add section Failover', records: 'checklist.section_added' })
      await run(second, { text: 'add Drain the primary', records: 'checklist.item_added' })
      await run(first, { text: 'add Promote the standby', records: 'checklist.item_added' })
      await run(second, { text: 'note replication lag at 40 s', records: 'incident.note_added' })
      await run(first, { text: 'check drain', records: 'checklist.item_checked' })
      await run(second, { text: 'status Failing over to the standby', records: 'incident.status_updated' })
      await expectEachEventPostedOnce()

      // The leader stops right after taking a command: the follower takes over and posts what is left.
      const [leader] = leaderOf()
      const follower = leader === first ? second : first
      await run(leader!, { text: 'note sent to the leader as it stops', records: 'incident.note_added' })
      await stopReplica(leader!)
      await vi.waitFor(() => expect(follower.running?.bot.isLeader()).toBe(true), WAIT)
      await run(follower, { text: 'check promote', records: 'checklist.item_checked' })
      await run(follower, { text: 'note the standby is primary now', records: 'incident.note_added' })
      await expectEachEventPostedOnce()

      // The stopped replica restarts as a follower; then the other one stops and it leads again.
      await startReplica(leader!, slashTokens)
      await run(leader!, { text: 'note from the restarted replica', records: 'incident.note_added' })
      await run(follower, { text: 'add Rebuild the old primary', records: 'checklist.item_added' })
      await expectEachEventPostedOnce()
      expect(leaderOf()).toEqual([follower])
      await stopReplica(follower)
      await vi.waitFor(() => expect(leader!.running?.bot.isLeader()).toBe(true), WAIT)
      await run(leader!, { text: 'status Stable on the new primary', records: 'incident.status_updated' })
      await run(leader!, { text: 'check rebuild', records: 'checklist.item_checked' })
      await expectEachEventPostedOnce()
    })
  })
})
