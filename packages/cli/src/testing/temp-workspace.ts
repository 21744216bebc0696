import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { captureIo } from '../cli/cli-io.js'
import { runCli } from '../cli/run-cli.js'

/** What one captured `runCli` call returned and printed. */
export interface CliRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** A temporary working directory for CLI tests; relative paths and the default database live in it. */
export interface TempWorkspace {
  readonly dir: string
  /** Runs the CLI in `dir` with the given environment (no `DATABASE_URL` unless given). */
  run(argv: readonly string[], env?: Record<string, string>): Promise<CliRun>
  remove(): void
}

/**
 * A temp directory and a captured `runCli` bound to it: for tests of the commands end to end.
 *
 * @example
 * const ws = tempWorkspace(); const { code, stdout } = await ws.run(['export']); ws.remove()
 */
export const tempWorkspace = (prefix = 'incident-kit-cli-'): TempWorkspace => {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return {
    dir,
    run: async (argv, env = {}) => {
      const io = captureIo({ cwd: dir, env })
      const code = await runCli(argv, io)
      return { code, stdout: io.stdoutText(), stderr: io.stderrText() }
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}
