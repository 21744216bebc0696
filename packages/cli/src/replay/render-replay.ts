import { postmortemInput, renderPostmortemHtml, renderPostmortemMarkdown, type IncidentReadModel } from '@incident-kit/projections'
import { usageError } from '../cli/cli-errors.js'
import type { DocumentFormat } from '../cli/option-parsers.js'
import { replayJson } from './replay-log.js'

/** Separates the postmortems of several incidents in one Markdown document. */
const MARKDOWN_SEPARATOR = '\n---\n\n'

/** The file extension of each document format. */
export const FORMAT_EXTENSION: Readonly<Record<DocumentFormat, string>> = { markdown: 'md', html: 'html', json: 'json' }

/**
 * One incident's postmortem in Markdown or HTML; `undefined` for an unknown incident.
 *
 * @example
 * await renderPostmortem(model, 'i1', 'html') // '<!doctype html>…'
 */
export const renderPostmortem = async (model: IncidentReadModel, incidentId: string, format: 'markdown' | 'html'): Promise<string | undefined> => {
  const input = postmortemInput(model, incidentId)
  if (input === undefined) return undefined
  return format === 'html' ? renderPostmortemHtml(input) : renderPostmortemMarkdown(input)
}

/**
 * The postmortems of a replay as one document for stdout: JSON for any number of incidents,
 * Markdown joined by rules, HTML only for one incident (a page is one document; use `--out`).
 *
 * @example
 * await renderReplay(model, ['i1'], 'json', null) // '{\n  "asOf": null,\n  "incidents": [...]\n}\n'
 */
export const renderReplay = async (
  model: IncidentReadModel,
  incidentIds: readonly string[],
  format: DocumentFormat,
  asOf: string | null,
): Promise<string> => {
  if (format === 'json') return `${JSON.stringify(replayJson(model, incidentIds, asOf), null, 2)}\n`
  if (format === 'html' && incidentIds.length > 1) {
    throw usageError(`the log holds ${incidentIds.length} incidents: pick one with --incident, or write one file each with --out DIR`)
  }
  const documents = await Promise.all(incidentIds.map((id) => renderPostmortem(model, id, format)))
  return documents.filter((d): d is string => d !== undefined).join(MARKDOWN_SEPARATOR)
}
