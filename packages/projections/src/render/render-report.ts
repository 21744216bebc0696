import type { TeamReport } from '../report/team-report.js'
import { writeHtml } from './html-writer.js'
import { writeMarkdown } from './markdown-writer.js'
import { reportDocument } from './report-document.js'

/**
 * The aggregate report as Markdown (charts as text bars). The same report gives the same bytes.
 *
 * @example
 * const report = buildTeamReport(events, { teamId: 'team-sec', period, now })
 * if (E.isRight(report)) process.stdout.write(renderReportMarkdown(report.right))
 */
export const renderReportMarkdown = (report: TeamReport): string => writeMarkdown(reportDocument(report))

/**
 * The aggregate report as one self-contained HTML file with its charts (incidents per week, the
 * distribution of time to resolve) as inline SVG; no scripts, no external URL.
 *
 * @example
 * if (E.isRight(report)) await writeFile('report.html', await renderReportHtml(report.right))
 */
export const renderReportHtml = (report: TeamReport): Promise<string> => writeHtml(reportDocument(report))
