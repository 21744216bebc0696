import { Option, type Command } from 'commander'
import { systemClock } from '@incident-kit/core'
import { withStore, type CliContext } from '../cli/cli-context.js'
import { DATABASE_OPTION, parseNonEmptyOption } from '../cli/option-parsers.js'
import { seedStarterPlaybooks } from '../playbooks/seed-playbooks.js'

interface SeedOptions {
  readonly db?: string
  readonly team: string
  readonly actor: string
}

/** `incident-kit playbooks seed`: the four starter playbooks, idempotent per team. */
export const registerPlaybooksCommand = (program: Command, context: CliContext) => {
  const playbooks = program.command('playbooks').description('Manage playbooks (checklist templates).')
  playbooks
    .command('seed')
    .description('Install the four starter playbooks in a team: information security, site reliability, build pipeline, urgent support. Idempotent: playbook ids derive from the team, so running it again changes nothing.')
    // Checked here: an empty id would be written into every playbook event, which no reader of the log accepts.
    .addOption(new Option('--team <id>', 'the team that gets the playbooks').makeOptionMandatory().argParser(parseNonEmptyOption))
    .addOption(new Option('--actor <id>', 'who is recorded as their author').default('incident-kit').argParser(parseNonEmptyOption))
    .option(...DATABASE_OPTION)
    .action(async (options: SeedOptions) => {
      const seeded = await withStore(context, options.db, (store) =>
        seedStarterPlaybooks({
          store,
          clock: systemClock,
          teamId: options.team,
          actorId: options.actor,
        }),
      )
      for (const playbook of seeded) {
        await context.io.stdout.write(`${playbook.created ? 'created ' : 'present '} ${playbook.playbookId}  ${playbook.title}\n`)
      }
    })
  return playbooks
}
