import { Command, CommanderError } from 'commander'
import { registerCopyCommand } from '../commands/copy-command.js'
import { registerDemoCommand } from '../commands/demo-command.js'
import { registerExportCommand } from '../commands/export-command.js'
import { registerImportCommand } from '../commands/import-command.js'
import { registerMattermostCommand } from '../commands/mattermost-command.js'
import { registerPlaybooksCommand } from '../commands/playbooks-command.js'
import { registerReplayCommand } from '../commands/replay-command.js'
import { registerReportCommand } from '../commands/report-command.js'
import { EXIT_OK, EXIT_USAGE, exitCodeFor } from './cli-errors.js'
import type { CliContext } from './cli-context.js'
import type { CliIo } from './cli-io.js'
import { CLI_VERSION } from './cli-version.js'
import { openSqlStore, type OpenStore } from './open-store.js'

export const CLI_NAME = 'incident-kit'

export interface RunCliOptions {
  /** Opens the store of a database URL; the SQL store of adapter-sql by default. */
  readonly openStore?: OpenStore
}

const EXIT_CODES_HELP = `
Exit codes:
  0  success
  1  failure while running (database, network, a rejected command)
  2  usage error (unknown command or option, bad argument)
  3  bad input file (unreadable, empty or invalid; nothing was written)
  4  missing or malformed setting, or a feature that is not available
  130  stopped by Ctrl-C (SIGINT); 143 by SIGTERM. import, copy and demo stop between
       two writes and keep what they wrote: run the same command again to complete it

The database: --db URL, else DATABASE_URL, else sqlite:./incident-kit.db
(sqlite:<file> or postgres://user@host:5432/db). See docs/cli.md.`

const buildProgram = (context: CliContext): Command => {
  const program = new Command(CLI_NAME)
    .description('Incident Kit: event-sourced incident response. Run the demo, export, import and replay event logs, render postmortems and reports, run the Mattermost bot.')
    .version(CLI_VERSION)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.io.stdout.write(text),
      writeErr: (text) => context.io.stderr.write(text),
      // Commander words its own errors (unknown option, bad choice) `error: …`; ours all start with the name.
      outputError: (text, write) => write(text.replace(/^error: /, `${CLI_NAME}: `)),
    })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', EXIT_CODES_HELP)
  registerDemoCommand(program, context)
  registerExportCommand(program, context)
  registerImportCommand(program, context)
  registerCopyCommand(program, context)
  registerReplayCommand(program, context)
  registerReportCommand(program, context)
  registerPlaybooksCommand(program, context)
  registerMattermostCommand(program, context)
  return program
}

/**
 * Runs the `incident-kit` command line and returns its exit code (see docs/cli.md). Nothing here
 * touches `process`: the io carries stdout, stderr, the environment and the working directory.
 *
 * @example
 * const io = captureIo({ cwd: '/tmp/demo' })
 * const code = await runCli(['export', '--db', 'sqlite:./ik.db'], io) // 0; io.stdoutText() has the log
 */
export const runCli = async (argv: readonly string[], io: CliIo, options: RunCliOptions = {}): Promise<number> => {
  const program = buildProgram({ io, openStore: options.openStore ?? openSqlStore })
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return EXIT_OK
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === EXIT_OK ? EXIT_OK : EXIT_USAGE
    io.stderr.write(`${CLI_NAME}: ${error instanceof Error ? error.message : String(error)}\n`)
    return exitCodeFor(error)
  }
}
