import type { Command } from 'commander'
import type { CliContext } from '../cli/cli-context.js'
import { DATABASE_OPTION } from '../cli/option-parsers.js'
import type { DemoOptions } from './demo-action.js'

/** `incident-kit demo`: a scripted security incident, stored, shown and written as a postmortem. */
export const registerDemoCommand = (program: Command, context: CliContext) =>
  program
    .command('demo')
    .description('Play a scripted security incident into the store (from the information security playbook), print the side panel, the timeline and the item durations, and write the postmortem as HTML. Running it again changes nothing: the demo is idempotent.')
    .option(...DATABASE_OPTION)
    .action(async (options: DemoOptions) => {
      const { runDemoCommand } = await import('./demo-action.js')
      await runDemoCommand(context, options)
    })
