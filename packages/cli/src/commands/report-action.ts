import * as E from 'fp-ts/lib/Either.js'
import { readWholeLog, systemClock } from '@incident-kit/core'
import { buildTeamReport, precedingPeriods, renderReportHtml, renderReportMarkdown } from '@incident-kit/projections'
import { withStore, type CliContext } from '../cli/cli-context.js'
import { usageError } from '../cli/cli-errors.js'
import type { DocumentFormat, MetricOption } from '../cli/option-parsers.js'
import { DEFAULT_REPORT_DAYS } from './report-command.js'

export interface ReportOptions {
  readonly db?: string
  readonly team: string
  readonly playbook?: string
  readonly since?: string
  readonly until?: string
  readonly format: DocumentFormat
  /** Team-defined pairs; the report's defaults when absent. */
  readonly metric?: readonly MetricOption[]
}

/**
 * `report`: builds the team report from the whole log and writes it in the chosen format.
 *
 * @example
 * await runReportCommand(context, { team: 'sec', format: 'markdown', since: '2026-01-01T00:00:00.000Z' })
 */
export const runReportCommand = async (context: CliContext, options: ReportOptions) => {
  const until = options.until ?? systemClock.now()
  const since = options.since ?? precedingPeriods(until, DEFAULT_REPORT_DAYS).current.from
  if (since >= until) throw usageError(`--since (${since}) must be before --until (${until})`)
  const events = await withStore(context, options.db, (store) => readWholeLog(store), { mustExist: true, onlyReads: true })
  const report = buildTeamReport(events, {
    teamId: options.team,
    period: { from: since, to: until },
    now: until,
    ...(options.playbook !== undefined ? { playbookId: options.playbook } : {}),
    ...(options.metric !== undefined ? { metrics: options.metric } : {}),
  })
  if (E.isLeft(report)) throw usageError(report.left.message)
  const text =
    options.format === 'json'
      ? `${JSON.stringify(report.right, null, 2)}\n`
      : options.format === 'html'
        ? await renderReportHtml(report.right)
        : renderReportMarkdown(report.right)
  await context.io.stdout.write(text)
}
