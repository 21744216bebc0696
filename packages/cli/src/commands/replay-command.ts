import { Option, type Command } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import { badInputError } from '../cli/cli-errors.js'
import type { CliContext } from '../cli/cli-context.js'
import { DOCUMENT_FORMATS, parseTimeOption, type DocumentFormat } from '../cli/option-parsers.js'
import { invalidLogError, readEventLogFile } from '../event-log/read-log-file.js'
import { createProgress } from '../progress/progress-bar.js'
import { renderReplay } from '../replay/render-replay.js'
import { replayedIncidentIds, replayReadModel } from '../replay/replay-log.js'

interface ReplayOptions {
  readonly format: DocumentFormat
  readonly incident?: string
  readonly at?: string
}

/** `incident-kit replay FILE`: postmortems straight from a log file, no database. */
export const registerReplayCommand = (program: Command, context: CliContext) =>
  program
    .command('replay')
    .description('Render postmortems straight from a CloudEvents log file, without a database. With --at, everything as it stood at that time.')
    .argument('<file>', 'the log file (from `export`)')
    .addOption(new Option('--format <format>', 'output format').choices(DOCUMENT_FORMATS).makeOptionMandatory())
    .option('--incident <id>', 'only this incident (default: every incident of the log)')
    .addOption(new Option('--at <time>', 'show the log as it stood at this ISO-8601 time').argParser(parseTimeOption))
    .addHelpText('after', '\nExamples:\n  incident-kit replay sec.jsonl --format html > postmortem.html\n  incident-kit replay sec.jsonl --format json --at 2026-03-12T09:30:00Z')
    .action(async (file: string, options: ReplayOptions) => {
      const { io } = context
      const progress = createProgress(io.stderr, 'replay')
      try {
        const lines = await readEventLogFile(file, io.cwd, { onProgress: (read, total) => progress.update(read, total) })
        progress.stop()
        const model = replayReadModel(lines, options.at === undefined ? {} : { at: options.at })
        if (E.isLeft(model)) throw invalidLogError(file, model.left)
        const ids = replayedIncidentIds(model.right, options.incident)
        if (options.incident !== undefined && ids.length === 0) {
          throw badInputError(`${file} has no incident ${options.incident}${options.at ? ` as of ${options.at}` : ''}`)
        }
        io.stdout.write(renderReplay(model.right, ids, options.format, options.at ?? null))
      } finally {
        progress.stop()
      }
    })
