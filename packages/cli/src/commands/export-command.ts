import { Option, type Command } from 'commander'
import { withStore, type CliContext } from '../cli/cli-context.js'
import { failure } from '../cli/cli-errors.js'
import { DATABASE_OPTION, parseNonEmptyOption, parseTimeOption } from '../cli/option-parsers.js'
import { DEFAULT_EVENT_SOURCE } from '../event-log/cloud-event.js'
import { exportEventLog, type ExportFilter } from '../event-log/export-event-log.js'
import { missingExportTargets } from '../event-log/missing-export-targets.js'

interface ExportOptions {
  readonly db?: string
  readonly incident?: string
  readonly team?: string
  readonly since?: string
  readonly source: string
}

/** `incident-kit export`: the log as CloudEvents JSON lines on stdout. */
export const registerExportCommand = (program: Command, context: CliContext) =>
  program
    .command('export')
    .description('Write the event log to stdout as CloudEvents 1.0 JSON, one event per line (docs/event-log.md).')
    .option(...DATABASE_OPTION)
    .option('--incident <id>', 'only the events of this incident')
    .option('--team <id>', 'only the incidents and playbooks of this team')
    .addOption(new Option('--since <time>', 'only events that happened at or after this ISO-8601 time').argParser(parseTimeOption))
    .addOption(new Option('--source <uri>', 'the CloudEvents source attribute of every line').default(DEFAULT_EVENT_SOURCE).argParser(parseNonEmptyOption))
    .addHelpText('after', '\nExample:\n  incident-kit export --team sec --since 2026-03-01 > sec.jsonl')
    .action(async (options: ExportOptions) => {
      const filter: ExportFilter = {
        ...(options.incident !== undefined ? { incidentId: options.incident } : {}),
        ...(options.team !== undefined ? { teamId: options.team } : {}),
        ...(options.since !== undefined ? { since: options.since } : {}),
      }
      const count = await withStore(
        context,
        options.db,
        async (store) => {
          const written = await exportEventLog(store, { ...filter, write: (line) => context.io.stdout.write(line), source: options.source })
          // A mistyped id would export nothing, exit 0, and look like an empty log: refused as a mistyped database is.
          const missing = written === 0 ? await missingExportTargets(store, filter) : []
          if (missing.length > 0) throw failure(`the database holds ${missing.join(' and ')}; nothing was exported`)
          return written
        },
        { mustExist: true, onlyReads: true },
      )
      context.io.stderr.write(`exported ${count} event${count === 1 ? '' : 's'}\n`)
    })
