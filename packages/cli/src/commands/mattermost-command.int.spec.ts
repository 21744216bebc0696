import { createServer } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { EXIT_CONFIGURATION, EXIT_OK } from '../cli/cli-errors.js'
import { captureIo } from '../cli/cli-io.js'
import { runCli } from '../cli/run-cli.js'
import { tempWorkspace, type TempWorkspace } from '../testing/temp-workspace.js'

let ws: TempWorkspace
beforeEach(() => {
  ws = tempWorkspace()
})
afterEach(() => ws.remove())

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

const SECRET_TOKEN = 'botsecrettoken123'

describe('incident-kit mattermost', () => {
  it('stops at start with exit 4 naming a missing setting, never showing a token', async () => {
    const run = await ws.run(['mattermost'], { MATTERMOST_BOT_TOKEN: SECRET_TOKEN })
    expect(run.code).toBe(EXIT_CONFIGURATION)
    expect(run.stderr).toContain('MATTERMOST_URL')
    const badPort = await ws.run(['mattermost', '--port', 'eighty'], {
      MATTERMOST_URL: 'http://127.0.0.1:9',
      MATTERMOST_BOT_TOKEN: SECRET_TOKEN,
      MATTERMOST_SLASH_TOKEN: 'abc123',
      PUBLIC_URL: 'http://127.0.0.1:3000',
    })
    expect(badPort.code).toBe(EXIT_CONFIGURATION)
    expect(badPort.stderr).toContain('PORT')
    expect(run.stderr + badPort.stderr).not.toContain(SECRET_TOKEN)
  })

  it('serves on the SQLite store until asked to stop, then exits 0', async () => {
    const port = await freePort()
    let stop: () => void = () => undefined
    const stopSignal = new Promise<void>((resolve) => (stop = resolve))
    const io = captureIo({
      cwd: ws.dir,
      stopSignal,
      env: {
        MATTERMOST_URL: 'http://127.0.0.1:9',
        MATTERMOST_BOT_TOKEN: SECRET_TOKEN,
        MATTERMOST_SLASH_TOKEN: 'abc123',
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        LOG_LEVEL: 'info',
      },
    })
    const write = io.stderr.write
    const stderr = {
      ...io.stderr,
      write: (text: string) => {
        write(text)
        if (text.includes('incident bot listening')) stop()
      },
    }
    const code = await runCli(['mattermost', '--port', String(port), '--db', 'sqlite:./bot.db'], { ...io, stderr })
    expect(code, io.stderrText()).toBe(EXIT_OK)
    expect(io.stderrText()).toContain(`"url":"http://`)
    expect(io.stderrText()).not.toContain(SECRET_TOKEN)
  })
})
