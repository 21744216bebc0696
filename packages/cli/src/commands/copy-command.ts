import * as E from 'fp-ts/lib/Either.js'
import type { Command } from 'commander'
import { BOT_LEADER_LOCK } from '@incident-kit/adapter-mattermost'
import { redactDatabaseUrl, type SqlEventStore } from '@incident-kit/adapter-sql'
import { badInputError, failure, usageError } from '../cli/cli-errors.js'
import type { CliContext } from '../cli/cli-context.js'
import { DATABASE_OPTION } from '../cli/option-parsers.js'
import { databaseUrlFor, withSqlStore } from '../cli/open-store.js'
import { copyStore, type CopyError } from '../event-log/copy-store.js'
import { formatLineError } from '../event-log/parse-log-line.js'
import { withProgress } from '../progress/progress-bar.js'

interface CopyOptions {
  readonly db?: string
  readonly to: string
}

/*
 * The copy holds the bot's leader lock on both databases: a bot leading on either would post from a
 * log that is being copied (or not complete yet), and no bot can start leading meanwhile.
 */
const withBotLock = async <T>(store: SqlEventStore, url: string, work: () => Promise<T>) => {
  const lock = await store.tryLock(BOT_LEADER_LOCK)
  if (lock === undefined) throw failure(`a bot is running on ${redactDatabaseUrl(url)}: stop every bot replica before copying`)
  try {
    return await work()
  } finally {
    await lock.release()
  }
}

const copyFailure = (error: CopyError) =>
  error._tag === 'InvalidSourceLog'
    ? badInputError(
        `the log cannot be copied; nothing was written (line N is the N-th event of \`export\` from the source):\n${error.errors.map((e) => `  ${formatLineError(e)}`).join('\n')}`,
      )
    : failure(
        `the events are copied, but on the target these subscribers are further along than on the source (has a bot run on it?); no checkpoint was written:\n${error.conflicts
          .map((c) => `  ${c.subscriber}: the target has ${c.target}, the copy would write ${c.copied}`)
          .join('\n')}`,
      )

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
      const { io } = context
      const sourceUrl = await databaseUrlFor(options.db, io)
      const targetUrl = await databaseUrlFor(options.to, io)
      if (sourceUrl === targetUrl) throw usageError(`--to names the database being copied (${redactDatabaseUrl(sourceUrl)})`)
      const copied = await withProgress(io.stderr, 'copy', (progress) =>
        withSqlStore(sourceUrl, {}, (source) =>
          withSqlStore(targetUrl, { bulkWrite: true }, (target) =>
            withBotLock(source, sourceUrl, () =>
              withBotLock(target, targetUrl, () => copyStore(source, target, { onProgress: (done, total) => progress.update(done, total) })),
            ),
          ),
        ),
      )
      if (E.isLeft(copied)) throw copyFailure(copied.left)
      const { appended, alreadyPresent, streams, checkpoints } = copied.right
      io.stderr.write(
        `copied ${appended} event${appended === 1 ? '' : 's'} (${alreadyPresent} already present) in ${streams} stream${streams === 1 ? '' : 's'}` +
          ` and ${checkpoints} checkpoint${checkpoints === 1 ? '' : 's'} to ${redactDatabaseUrl(targetUrl)}\n`,
      )
    })
