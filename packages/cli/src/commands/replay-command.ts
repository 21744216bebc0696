import { Option, type Command } from 'commander'
import type { CliContext } from '../cli/cli-context.js'
import { withInterruption } from '../cli/interruption.js'
import { DOCUMENT_FORMATS, parseTimeOption } from '../cli/option-parsers.js'
import type { ReplayOptions } from './replay-action.js'

/** `incident-kit replay FILE`: postmortems straight from a log file, no database. */
export const registerReplayCommand = (program: Command, context: CliContext) =>
  program
    .command('replay')
    .description('Render postmortems straight from a CloudEvents log file, without a database. With --at, everything as it stood at that time.')
    .argument('<file>', 'the log file (from `export`)')
    .addOption(new Option('--format <format>', 'output format').choices(DOCUMENT_FORMATS).makeOptionMandatory())
    .option('--incident <id>', 'only this incident (default: every incident of the log)')
    .option('--out <dir>', 'write one file per incident into this directory instead of stdout')
    .addOption(new Option('--at <time>', 'show the log as it stood at this ISO-8601 time').argParser(parseTimeOption))
    .addHelpText('after', '\nExamples:\n  incident-kit replay sec.jsonl --format html --incident demo-leaked-cloud-key > postmortem.html\n  incident-kit replay sec.jsonl --format markdown --out postmortems/\n  incident-kit replay sec.jsonl --format json --at 2026-03-12T09:30:00Z')
    .action(async (file: string, options: ReplayOptions) => {
      const { runReplayCommand } = await import('./replay-action.js')
      // Replay writes no database, so Ctrl-C stops it at once, its progress bar's terminal restored. A
      // postmortem being written under --out may be left truncated: a run again writes it whole.
      await withInterruption(context.io, { firstSignal: 'exit', exitMessage: 'interrupted' }, () => runReplayCommand(context, file, options))
    })
