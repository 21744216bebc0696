import { afterEach, describe, expect, it } from 'vitest'
import { skipWithoutSharedSpec } from '../fake-mattermost/index.js'
import { controllableStore } from './controllable-store.js'
import { eventually, seedUsers, slashTo, startHarness, type Harness } from './bot-harness.js'

/** Closing must not wait for a keep-alive timeout (72 s) nor a stuck client: a few seconds at most. */
const PROMPT_CLOSE_MS = 8_000

describe.skipIf(skipWithoutSharedSpec('bot shutdown'))('closing the bot', { timeout: 40_000 }, () => {
  let h: Harness | undefined
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') console.log(h?.logs.join('\n'))
    await h?.close()
    h = undefined
  })

  /** Closes the bot the test started, timing it; the harness then has no bot left to close. */
  const closeTimed = async (harness: Harness) => {
    const started = Date.now()
    for (const bot of harness.bots.splice(0)) await bot.close()
    return Date.now() - started
  }

  it('answers a slash request in flight, then closes its connection at once instead of at its keep-alive timeout', async () => {
    const db = controllableStore()
    h = await startHarness({ storage: db.storage })
    const [alice] = seedUsers(h, 'alice') as [string]
    const bot = await h.startBot()
    db.slowDown(500)
    // fetch keeps the connection alive after the answer, as Mattermost's client does.
    const answer = slashTo(h, bot.url, { userId: alice, userName: 'alice', channelId: h.fake.townSquare.id, text: 'playbook create Shutdown drill', triggerId: 'shutdown-1' })
    await eventually(() => db.waiting() > 0)
    const closed = closeTimed(h)
    const reply = await answer
    expect(reply.status).toBe(200)
    expect(((await reply.json()) as { text: string }).text).toContain('Shutdown drill')
    expect(await closed).toBeLessThan(PROMPT_CLOSE_MS)
  })
})
