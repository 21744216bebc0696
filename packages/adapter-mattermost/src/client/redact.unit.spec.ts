import { inspect } from 'node:util'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createMattermostApi } from './create-mattermost-api.js'
import type { MattermostLogger } from './logger.js'
import { createRedactor } from './redact.js'

const TOKEN = 'xoxb9s3cr3tbottoken42abcdef'

/** Everything a thrown error can show: message, stack, JSON, util.inspect with causes. */
const everythingShown = (error: unknown): string =>
  [String(error), (error as Error).stack ?? '', JSON.stringify(error), inspect(error, { depth: 10 })].join('\n')

const recordingLogger = (lines: string[]): MattermostLogger => {
  const log = (object: Readonly<Record<string, unknown>>, message?: string) => void lines.push(`${message ?? ''} ${inspect(object, { depth: 10 })}`)
  return { debug: log, info: log, warn: log, error: log }
}

describe('redaction of the bot token', () => {
  it('removes the token and anything shaped like a credential from text', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.stringMatching(/^[A-Za-z0-9]{16,40}$/), (before, after, token) => {
        const redact = createRedactor([token])
        expect(redact(`${before}${token}${after}`)).not.toContain(token)
        expect(createRedactor([])(`Authorization: Bearer ${token}`)).not.toContain(token)
        expect(createRedactor([])(`GET /x?access_token=${token}&a=1`)).not.toContain(token)
        expect(createRedactor([])(`POST /hooks/commands/${token}`)).toBe(`POST /hooks/commands/[REDACTED]`)
      }),
    )
  })

  it.each([
    ['a network error that quotes the request', () => { throw Object.assign(new TypeError(`fetch failed for Bearer ${TOKEN}`), { cause: new Error(`socket hang up ${TOKEN}`) }) }],
    ['an AppError that echoes the token', () => new Response(JSON.stringify({ id: 'x', message: `bad token ${TOKEN}` }), { status: 401, headers: { 'Content-Type': 'application/json' } })],
    ['a text error body that echoes the token', () => new Response(`denied ${TOKEN}`, { status: 400, headers: { 'Content-Type': 'text/plain' } })],
    ['a 503 storm', () => new Response(`down ${TOKEN}`, { status: 503 })],
  ])('keeps it out of errors and logs for %s', async (_name, answer) => {
    const lines: string[] = []
    const api = createMattermostApi({
      url: 'http://mm.test',
      token: TOKEN,
      fetch: (async () => answer()) as unknown as typeof fetch,
      sleep: async () => undefined,
      retry: { maxAttempts: 2 },
      logger: recordingLogger(lines),
    })
    const error = await api.getUser(TOKEN).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Error)
    expect(everythingShown(error)).not.toContain(TOKEN)
    expect(lines.join('\n')).not.toContain(TOKEN)
  })

  it('keeps it out of a refused response_url error', async () => {
    const api = createMattermostApi({ url: 'http://mm.test', token: TOKEN })
    const error = await api.respond(`http://evil.test/hooks/commands/abc?access_token=${TOKEN}`, { text: 'x' }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'MATTERMOST_FOREIGN_URL' })
    expect(everythingShown(error)).not.toContain(TOKEN)
  })

  it('sends the token only in the Authorization header', async () => {
    const seen: { url: string; headers: Record<string, string>; body?: unknown }[] = []
    const api = createMattermostApi({
      url: 'http://mm.test',
      token: TOKEN,
      fetch: (async (url: string, init: RequestInit) => {
        seen.push({ url, headers: init.headers as Record<string, string>, body: init.body })
        return new Response('{"id":"u1","username":"bot"}', { status: 200, headers: { 'Content-Type': 'application/json' } })
      }) as unknown as typeof fetch,
    })
    await api.getMe()
    expect(seen[0]?.headers.Authorization).toBe(`BEARER ${TOKEN}`)
    expect(seen[0]?.url).not.toContain(TOKEN)
  })
})
