import { createServer as createHttpServer, type IncomingMessage } from 'node:http'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { freePort } from '@incident-kit/adapter-mattermost/testing'
import { EXIT_CONFIGURATION, EXIT_OK } from '../cli/cli-errors.js'
import { captureIo } from '../cli/cli-io.js'
import { runCli } from '../cli/run-cli.js'
import { tempWorkspace, type TempWorkspace } from '../testing/temp-workspace.js'

let ws: TempWorkspace
beforeEach(() => {
  ws = tempWorkspace()
})
afterEach(() => ws.remove())

const SECRET_TOKEN = 'botsecrettoken123'

describe('incident-kit mattermost', () => {
  it('stops at start with exit 4 naming a missing setting, never showing a token', async () => {
    const run = await ws.run(['mattermost'], { MATTERMOST_BOT_TOKEN: SECRET_TOKEN })
    expect(run.code).toBe(EXIT_CONFIGURATION)
    expect(run.stderr).toContain('MATTERMOST_URL')
    const badPort = await ws.run(['mattermost', '--port', 'eighty'], {
      MATTERMOST_URL: 'http://127.0.0.1:9',
      MATTERMOST_BOT_TOKEN: SECRET_TOKEN,
      MATTERMOST_SLASH_TOKEN: 'ops=abc123',
      PUBLIC_URL: 'http://127.0.0.1:3000',
    })
    expect(badPort.code).toBe(EXIT_CONFIGURATION)
    expect(badPort.stderr).toContain('--port: ')
    expect(run.stderr + badPort.stderr).not.toContain(SECRET_TOKEN)
  })

  it('names the flag a malformed setting came from, else its environment variable', async () => {
    const env = { MATTERMOST_URL: 'http://127.0.0.1:9', MATTERMOST_BOT_TOKEN: SECRET_TOKEN, MATTERMOST_SLASH_TOKEN: 'ops=abc123', PUBLIC_URL: 'http://127.0.0.1:3000' }
    const fromFlag = await ws.run(['mattermost', '--port', 'abc'], env)
    expect(fromFlag.code).toBe(EXIT_CONFIGURATION)
    expect(fromFlag.stderr).toMatch(/^incident-kit: --port: must be a whole number from 1 to 65535, got "abc"\n/)
    const fromEnv = await ws.run(['mattermost'], { ...env, PORT: 'abc' })
    expect(fromEnv.stderr).toMatch(/^incident-kit: PORT: must be a whole number/)
    expect((await ws.run(['mattermost', '--verbosity', 'loud'], env)).stderr).toMatch(/^incident-kit: --verbosity: "loud" is not /)
    expect((await ws.run(['mattermost', '--mattermost-url', 'not-a-url'], env)).stderr).toMatch(/^incident-kit: --mattermost-url: is not a URL/)
  })

  it('serves on the SQLite store until asked to stop, then exits 0', async () => {
    const port = await freePort()
    let stop: () => void = () => undefined
    const stopSignal = new Promise<void>((resolve) => (stop = resolve))
    const io = captureIo({
      cwd: ws.dir,
      waitForStop: () => stopSignal,
      env: {
        MATTERMOST_URL: 'http://127.0.0.1:9',
        MATTERMOST_BOT_TOKEN: SECRET_TOKEN,
        MATTERMOST_SLASH_TOKEN: 'ops=abc123',
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        LOG_LEVEL: 'info',
      },
    })
    const write = io.stderr.write
    const stderr = {
      ...io.stderr,
      write: (text: string) => {
        write(text)
        if (text.includes('running until Ctrl-C or SIGTERM')) stop()
      },
    }
    const code = await runCli(['mattermost', '--port', String(port), '--db', 'sqlite:./bot.db'], { ...io, stderr })
    expect(code, io.stderrText()).toBe(EXIT_OK)
    expect(io.stderrText()).toContain(`"url":"http://`)
    expect(io.stderrText()).not.toContain(SECRET_TOKEN)
  })

  it('--register creates the slash command in the team, prints its token bound to the team, and exits 0', async () => {
    const calls: string[] = []
    const created: Array<Record<string, unknown>> = []
    const body = async (request: IncomingMessage) => {
      let text = ''
      for await (const chunk of request) text += String(chunk)
      return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>)
    }
    const mattermost = createHttpServer((request, response) => {
      void (async () => {
        calls.push(`${request.method} ${request.url?.split('?')[0]}`)
        const reply = (status: number, payload: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload))
        if (request.headers.authorization?.toLowerCase() !== `bearer ${SECRET_TOKEN}`) return reply(401, { id: 'api.context.session_expired.app_error', message: 'Invalid or expired session', status_code: 401 })
        if (request.url === '/api/v4/teams/name/ops') return reply(200, { id: 'team-ops', name: 'ops', display_name: 'Ops' })
        if (request.url?.startsWith('/api/v4/commands?') && request.method === 'GET') return reply(200, created)
        if (request.url === '/api/v4/commands' && request.method === 'POST') {
          const command = { ...(await body(request)), id: 'cmd-1', token: 'newslashtoken42', delete_at: 0 }
          created.push(command)
          return reply(201, command)
        }
        return reply(404, { id: 'api.context.404.app_error', message: 'not found', status_code: 404 })
      })()
    })
    await new Promise<void>((resolve) => mattermost.listen(0, '127.0.0.1', resolve))
    const { port } = mattermost.address() as { port: number }
    try {
      const run = await ws.run(['mattermost', '--register', 'ops'], {
        MATTERMOST_URL: `http://127.0.0.1:${port}`,
        MATTERMOST_BOT_TOKEN: SECRET_TOKEN,
        PUBLIC_URL: 'https://bot.example.com',
      })
      expect(run.code, run.stderr).toBe(EXIT_OK)
      expect(run.stdout).toContain('Created /incident in team ops')
      expect(run.stdout).toContain("Add this entry to the bot's MATTERMOST_SLASH_TOKEN")
      expect(run.stdout).toContain('\n  ops=newslashtoken42\n')
      expect(created[0]).toMatchObject({ team_id: 'team-ops', trigger: 'incident', url: expect.stringMatching(/^https:\/\/bot\.example\.com\//) })
      expect(calls).toContain('POST /api/v4/commands')
    } finally {
      await new Promise((resolve) => mattermost.close(resolve))
    }
  })
})
