import type { Command } from 'commander'
import type { CliContext } from '../cli/cli-context.js'
import { DATABASE_OPTION } from '../cli/option-parsers.js'
import type { CopyOptions } from './copy-action.js'

/** `incident-kit copy --to URL`: the store of `--db` into another database, checkpoints included. */
export const registerCopyCommand = (program: Command, context: CliContext) =>
  program
    .command('copy')
    .description(
      'Copy the store (every event, and the bot\'s checkpoints moved to the same events) into another database: the way from SQLite to PostgreSQL. Stop every bot first. Running it again copies only what is missing.',
    )
    .option(...DATABASE_OPTION)
    .requiredOption('--to <url>', 'the database to copy into (its schema is created if missing)')
    .addHelpText('after', '\nExample:\n  incident-kit copy --db sqlite:./incident-kit.db --to postgres://incidents@db.internal:5432/incidents')
    .action(async (options: CopyOptions) => {
      // The bot (for its lock's name) and both database drivers load only when a copy runs.
      const { runCopyCommand } = await import('./copy-action.js')
      await runCopyCommand(context, options)
    })
