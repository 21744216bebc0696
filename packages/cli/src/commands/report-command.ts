import type { Command } from 'commander'
import { configurationError } from '../cli/cli-errors.js'
import type { CliContext } from '../cli/cli-context.js'

/** `incident-kit report`: the aggregate report of a team. */
export const registerReportCommand = (program: Command, _context: CliContext) =>
  program
    .command('report')
    .description('The aggregate report of a team over a period.')
    .action(() => {
      throw configurationError('report is not available yet')
    })
