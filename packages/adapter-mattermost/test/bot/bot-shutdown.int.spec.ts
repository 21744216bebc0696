import { connect, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { readWholeLog } from '@incident-kit/core'
import { skipWithoutSharedSpec } from '../fake-mattermost/index.js'
import { controllableStore } from './controllable-store.js'
import { eventually, seedUsers, slashTo, startHarness, type Harness } from './bot-harness.js'

/** Closing must not wait for a keep-alive timeout (72 s) nor a stuck client: a few seconds at most. */
const PROMPT_CLOSE_MS = 8_000

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * A client that sends a click's headers, then its body one byte at a time: resolves with what it
 * was answered once the bot closes the connection. Its own end is the caller's `stop`.
 */
const trickleClick = (botUrl: string) => {
  const { hostname, port } = new URL(botUrl)
  const socket: Socket = connect(Number(port), hostname)
  let received = ''
  socket.on('data', (chunk) => (received += String(chunk)))
  const ended = new Promise<string>((resolve) => socket.on('close', () => resolve(received)))
  socket.write(`POST /mattermost/actions HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`)
  const trickle = setInterval(() => socket.writable && socket.write(' '), 100)
  return { ended, stop: () => (clearInterval(trickle), socket.destroy()) }
}

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

  it('closes a kept-alive connection that sits idle past its idle timeout', async () => {
    h = await startHarness()
    const bot = await h.startBot({ idleConnectionTimeoutMs: 300 })
    const { hostname, port } = new URL(bot.url)
    const socket: Socket = connect(Number(port), hostname)
    let received = ''
    socket.on('data', (chunk) => (received += String(chunk)))
    const closedByBot = new Promise<'closed'>((resolve) => socket.on('close', () => resolve('closed')))
    socket.write(`GET /healthz HTTP/1.1\r\nHost: ${hostname}\r\nConnection: keep-alive\r\n\r\n`)
    try {
      // Well past the idle timeout, far short of Fastify's default of 72 s.
      expect(await Promise.race([closedByBot, pause(5_000).then(() => 'still open')])).toBe('closed')
      expect(received).toMatch(/^HTTP\/1\.1 200/)
    } finally {
      socket.destroy()
    }
  })

  it('cuts off a client that trickles its body, and closes without waiting for it', async () => {
    h = await startHarness()
    const bot = await h.startBot({ requestReceiveTimeoutMs: 1_000 })
    const first = trickleClick(bot.url)
    try {
      expect(await first.ended).toMatch(/^HTTP\/1\.1 408/)
    } finally {
      first.stop()
    }
    const second = trickleClick(bot.url)
    try {
      // Long enough for the bot to read its headers: it is a request in flight when closing begins.
      await pause(300)
      expect(await closeTimed(h)).toBeLessThan(PROMPT_CLOSE_MS)
    } finally {
      second.stop()
    }
  })

  it('waits for a command still being carried out after its early reply before it closes, so the store is not closed under it', async () => {
    const db = controllableStore()
    h = await startHarness({ storage: db.storage })
    const [alice] = seedUsers(h, 'alice') as [string]
    const bot = await h.startBot()
    db.slowDown(3_000)
    const early = await slashTo(h, bot.url, { userId: alice, userName: 'alice', channelId: h.fake.townSquare.id, text: 'playbook create Finished before closing', triggerId: 'late-1' })
    expect(((await early.json()) as { text: string }).text).toContain('is being carried out')
    expect(await closeTimed(h)).toBeLessThan(15_000)
    const created = (await readWholeLog(h.store)).filter((e) => e.type === 'playbook.created' && JSON.stringify(e.data).includes('Finished before closing'))
    expect(created).toHaveLength(1)
  })
})
