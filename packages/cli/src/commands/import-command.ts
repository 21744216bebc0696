import * as E from 'fp-ts/lib/Either.js'
import type { Command } from 'commander'
import { createInMemoryEventStore } from '@incident-kit/core'
import type { CliContext } from '../cli/cli-context.js'
import { withStoreCreatedAfterChecks } from '../cli/create-store-after-checks.js'
import { stoppingOnAbort, withInterruptedWriting } from '../cli/interruption.js'
import { databaseUrlFor, removingCreatedSqliteFile } from '../cli/open-store.js'
import { DATABASE_OPTION } from '../cli/option-parsers.js'
import { importEventLog } from '../event-log/import-event-log.js'
import { invalidLogError, readEventLogFile } from '../event-log/read-log-file.js'
import { withProgress, type Progress } from '../progress/progress-bar.js'

interface ImportOptions {
  readonly db?: string
}

/**
 * The passes of an import over the file's events, in order: one bar of a fixed total (each event
 * once per pass) that every pass advances. On a new database the check is the import into its
 * empty stand-in; on a database that holds a store, the comparison with the events stored there.
 */
const PASSES = ['reading', 'checking', 'writing'] as const

/** Reports `done` of a pass over `events` events as the bar's progress through all the passes. */
const passProgress = (progress: Progress, pass: (typeof PASSES)[number]) => {
  const passesBefore = PASSES.indexOf(pass)
  return (done: number, events: number) => progress.update(passesBefore * events + done, PASSES.length * events)
}

/** A second Ctrl-C: the append in flight is one transaction, so the store holds whole appends only. */
const STOPPED_AT_ONCE = 'stopped at once (a second signal); the events written so far stay in the database: run the same command again to complete it'

/** `incident-kit import FILE`: appends a CloudEvents log to the store, all or nothing, idempotent. */
export const registerImportCommand = (program: Command, context: CliContext) =>
  program
    .command('import')
    .description('Append a CloudEvents JSON-lines log (from `export`) to the store. Every line is checked first; on any error nothing is written. Events already present are skipped, so importing a file twice appends nothing.')
    .argument('<file>', 'the log file')
    .option(...DATABASE_OPTION)
    .addHelpText('after', '\nExample:\n  incident-kit import sec.jsonl --db postgres://postgres@127.0.0.1:5432/incidents')
    .action(async (file: string, options: ImportOptions) => {
      const { io } = context
      // Ctrl-C stops between two appends: the events written stay, and a re-run skips them.
      const result = await withInterruptedWriting(io, STOPPED_AT_ONCE, ({ signal, writingTo, outOf }) =>
        withProgress(
          io.stderr,
          'import',
          async (progress) => {
            const lines = await readEventLogFile(file, io.cwd, {
              writesStore: true,
              onProgress: passProgress(progress, 'reading'),
            })
            outOf(`of ${lines.length} in the file`)
            signal.throwIfAborted()
            const url = await databaseUrlFor(options.db, io)
            return removingCreatedSqliteFile(url, () =>
              withStoreCreatedAfterChecks({
                open: async (openOptions) => writingTo(await context.openStore(url, { ...openOptions, bulkWrite: true })),
                emptyStandIn: () => stoppingOnAbort(createInMemoryEventStore(), signal),
                check: (store) => importEventLog(store, lines, { onProgress: passProgress(progress, 'checking') }),
                write: (store, { checked }) =>
                  importEventLog(store, lines, {
                    onProgress: passProgress(progress, 'writing'),
                    ...(checked ? {} : { onCheckProgress: passProgress(progress, 'checking') }),
                  }),
              }),
            )
          },
          { stepsPerItem: PASSES.length },
          ),
      )
      if (E.isLeft(result)) throw invalidLogError(file, result.left, { writesStore: true })
      const { appended, alreadyPresent, streams } = result.right
      io.stderr.write(`imported ${appended} event${appended === 1 ? '' : 's'} (${alreadyPresent} already present) in ${streams} stream${streams === 1 ? '' : 's'}\n`)
    })
