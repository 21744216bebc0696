import type { IncidentReadModel } from '@incident-kit/projections'
import { configurationError } from '../cli/cli-errors.js'
import type { DocumentFormat } from '../cli/option-parsers.js'
import { replayJson } from './replay-log.js'

/**
 * The postmortem document(s) of a replay in the chosen format.
 *
 * @example
 * renderReplay(model, ['i1'], 'json', null) // '{\n  "asOf": null,\n  "incidents": [...]\n}\n'
 */
export const renderReplay = (model: IncidentReadModel, incidentIds: readonly string[], format: DocumentFormat, asOf: string | null): string => {
  if (format === 'json') return `${JSON.stringify(replayJson(model, incidentIds, asOf), null, 2)}\n`
  throw configurationError(`--format ${format} is not available yet`)
}
