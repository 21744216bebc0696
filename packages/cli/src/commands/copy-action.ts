import * as E from 'fp-ts/lib/Either.js'
import { BOT_LEADER_LOCK } from '@incident-kit/adapter-mattermost'
import { redactDatabaseUrl, type SqlEventStore } from '@incident-kit/adapter-sql'
import { badInputError, failure, usageError } from '../cli/cli-errors.js'
import type { CliContext } from '../cli/cli-context.js'
import { withStoreCreatedAfterChecks } from '../cli/create-store-after-checks.js'
import { stoppingOnAbort, withInterruptedWriting } from '../cli/interruption.js'
import { databaseUrlFor, openSqlStore, removingCreatedSqliteFile, withSqlStore } from '../cli/open-store.js'
import { namesSameDatabase } from '../cli/same-database.js'
import { copyInto, emptyCopyTarget, readCopySource, type CopyError } from '../event-log/copy-store.js'
import { formatLineErrors } from '../event-log/format-line-errors.js'
import { withProgress } from '../progress/progress-bar.js'

export interface CopyOptions {
  readonly db?: string
  readonly to: string
}

/*
 * The copy holds the bot's leader lock on both databases: a bot leading on either would post from a
 * log that is being copied (or not complete yet), and no bot can start leading meanwhile.
 */
const withBotLock = async <T>(store: SqlEventStore, refusal: string, work: () => Promise<T>) => {
  const lock = await store.tryLock(BOT_LEADER_LOCK)
  if (lock === undefined) throw failure(refusal)
  try {
    return await work()
  } finally {
    await lock.release()
  }
}

/*
 * A second Ctrl-C: the process ends without releasing the bot's lock. PostgreSQL's ends with the
 * connection; SQLite's is a lease, held until it expires.
 */
const STOPPED_AT_ONCE =
  'stopped at once (a second signal); the events written so far stay in the target: run the same command again to complete it (on SQLite, after the bot lock the copy held expires, within 30 s)'

const copyFailure = (error: CopyError) =>
  error._tag === 'InvalidSourceLog'
    ? badInputError(`the log cannot be copied; nothing was written (line N is the N-th event of \`export\` from the source):\n${formatLineErrors(error.errors)}`)
    : failure(
        `the events are copied, but on the target these subscribers are further along than on the source (has a bot run on it?); no checkpoint was written:\n${error.conflicts
          .map((c) => `  ${c.subscriber}: the target has ${c.target}, the copy would write ${c.copied}`)
          .join('\n')}`,
      )

/**
 * `copy`: the store of `--db` into the database of `--to`, events and checkpoints, holding the bot's
 * lock on both. The source only reads: a SQLite source that does not exist is refused.
 *
 * @example
 * await runCopyCommand(context, { db: 'sqlite:./incident-kit.db', to: 'postgres://incidents@db:5432/incidents' })
 */
export const runCopyCommand = async (context: CliContext, options: CopyOptions) => {
  const { io } = context
  const sourceUrl = await databaseUrlFor(options.db, io)
  const targetUrl = await databaseUrlFor(options.to, io, '--to')
  if (await namesSameDatabase(sourceUrl, targetUrl)) throw usageError(`--to names the database being copied (${redactDatabaseUrl(sourceUrl)})`)
  const botRunning = (url: string, orElse = '') => `a bot is running on ${redactDatabaseUrl(url)}${orElse}: stop every bot replica before copying`
  // The copy holds the source's lock by then, so a PostgreSQL source under another name (`localhost` for 127.0.0.1) is refused there.
  const targetRefusal = botRunning(targetUrl, ' (or --to names the database being copied under another host name)')
  // Ctrl-C stops between two appends, after which every lock is released and every store closed.
  const copied = await withInterruptedWriting(io, STOPPED_AT_ONCE, ({ signal, writingTo, outOf }) =>
    removingCreatedSqliteFile(targetUrl, () =>
      withProgress(io.stderr, 'copy', (progress) =>
        withSqlStore(sourceUrl, { mustExist: true, onlyReads: true }, (source) =>
          // The source's lock comes first: refused there, the copy has not created the target yet.
          withBotLock(source, botRunning(sourceUrl), async () => {
            const read = await readCopySource(stoppingOnAbort(source, signal))
            outOf(`of ${read.events.length} in the source`)
            return withStoreCreatedAfterChecks({
              open: async (options) => writingTo(await openSqlStore(targetUrl, { ...options, bulkWrite: true })),
              emptyStandIn: () => stoppingOnAbort(emptyCopyTarget(), signal),
              check: (target) => copyInto(source, target, read),
              write: (target) =>
                withBotLock(target, targetRefusal, () => copyInto(source, target, read, { onProgress: (done, events) => progress.update(done, events) })),
            })
          }),
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
}
