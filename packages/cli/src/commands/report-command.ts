import { Option, type Command } from 'commander'
import type { CliContext } from '../cli/cli-context.js'
import { DATABASE_OPTION, DOCUMENT_FORMATS, parseMetricOption, parseTimeOption } from '../cli/option-parsers.js'
import type { ReportOptions } from './report-action.js'

/** Without `--since`, a report covers this many days before `--until`. */
export const DEFAULT_REPORT_DAYS = 90

/** `incident-kit report`: the aggregate report of a team over a period. */
export const registerReportCommand = (program: Command, context: CliContext) =>
  program
    .command('report')
    .description(`The aggregate report of a team: incidents started, ended and in progress, time to acknowledge, mitigate and resolve (mean, median, p90), time to first status update, commander changes, per playbook item completion times and skips, incidents per week, and the last 30 days against the 30 before. The period is [--since, --until); by default the ${DEFAULT_REPORT_DAYS} days up to now.`)
    .requiredOption('--team <id>', 'the team')
    .option('--playbook <id>', 'only incidents started from this playbook')
    .addOption(new Option('--since <time>', `start of the period, ISO-8601 (default: ${DEFAULT_REPORT_DAYS} days before --until)`).argParser(parseTimeOption))
    .addOption(new Option('--until <time>', 'end of the period, exclusive, ISO-8601 (default: now)').argParser(parseTimeOption))
    .addOption(new Option('--format <format>', 'output format').choices(DOCUMENT_FORMATS).makeOptionMandatory())
    .addOption(
      new Option(
        '--metric <name=from..to>',
        'measure this pair instead of the defaults (repeatable); a point is incident.started, incident.ended, incident.first_status_update or a milestone name',
      ).argParser(parseMetricOption),
    )
    .option(...DATABASE_OPTION)
    .addHelpText(
      'after',
      '\nExamples:\n  incident-kit report --team demo-security --since 2026-01-01 --until 2026-04-01 --format html > report.html\n  incident-kit report --team sre --format markdown --metric "time to contain=incident.started..contained" --metric "time to resolve=incident.started..incident.ended"',
    )
    .action(async (options: ReportOptions) => {
      const { runReportCommand } = await import('./report-action.js')
      await runReportCommand(context, options)
    })
