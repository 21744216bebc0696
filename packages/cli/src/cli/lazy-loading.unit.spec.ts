import { describe, expect, it, vi } from 'vitest'
import { EXIT_OK } from './cli-errors.js'
import { captureIo } from './cli-io.js'
import { runCli } from './run-cli.js'

// Each factory runs when its package is first imported: the set says which ones were loaded.
const loaded = vi.hoisted(() => new Set<string>())
vi.mock('@incident-kit/adapter-sql', async (importOriginal) => {
  loaded.add('@incident-kit/adapter-sql')
  return importOriginal()
})
vi.mock('@incident-kit/adapter-mattermost', async (importOriginal) => {
  loaded.add('@incident-kit/adapter-mattermost')
  return importOriginal()
})

describe('the command line', () => {
  it('loads neither the database drivers nor the bot to print help', async () => {
    for (const argv of [['--help'], ['copy', '--help'], ['mattermost', '--help']]) {
      expect(await runCli(argv, captureIo({ cwd: '/' })), argv.join(' ')).toBe(EXIT_OK)
    }
    expect([...loaded]).toEqual([])
  })
})
