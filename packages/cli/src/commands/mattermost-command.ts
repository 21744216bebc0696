import type { Command } from 'commander'
import { configurationError } from '../cli/cli-errors.js'
import type { CliContext } from '../cli/cli-context.js'

/** `incident-kit mattermost`: the Mattermost bot. */
export const registerMattermostCommand = (program: Command, _context: CliContext) =>
  program
    .command('mattermost')
    .description('Run the Mattermost bot.')
    .action(() => {
      throw configurationError('the Mattermost bot is not available yet')
    })
