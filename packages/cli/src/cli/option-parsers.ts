import { InvalidArgumentError } from 'commander'
import { parseIsoTime } from '@incident-kit/core'

/**
 * Parses a time given on the command line: ISO-8601 (`2026-03-12T09:30:00Z`; a date alone means
 * midnight UTC, and a time without an offset is UTC, whatever the machine's zone). Returns the UTC
 * ISO form the log uses; a bad value is a usage error (exit 2).
 *
 * @example
 * parseTimeOption('2026-03-12') // '2026-03-12T00:00:00.000Z'
 */
export const parseTimeOption = (value: string): string => {
  const parsed = parseIsoTime(value)
  if (parsed === undefined) throw new InvalidArgumentError(`not an ISO-8601 date or time (like 2026-03-12 or 2026-03-12T09:30Z): ${JSON.stringify(value)}`)
  return new Date(parsed.ms).toISOString()
}

/**
 * Parses a text option that must not be empty, such as `export --source` or `playbooks seed
 * --actor`: every reader of the log rejects a line whose attribute is an empty string, and the core
 * refuses an id of spaces only. An empty or blank value is a usage error (exit 2).
 *
 * @example
 * parseNonEmptyOption('urn:ops') // 'urn:ops'
 * parseNonEmptyOption('  ') // throws "must not be blank"
 */
export const parseNonEmptyOption = (value: string): string => {
  if (value === '') throw new InvalidArgumentError('must not be empty')
  if (value.trim() === '') throw new InvalidArgumentError('must not be blank')
  return value
}

/** The output formats of `replay` and `report`. */
export const DOCUMENT_FORMATS = ['markdown', 'html', 'json'] as const
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number]

/** `--db`, the same on every command that uses a store: `.option(...DATABASE_OPTION)`. */
export const DATABASE_OPTION = ['--db <url>', 'database URL (default: DATABASE_URL, else sqlite:./incident-kit.db)'] as const

/** A duration metric as given on the command line: `name=from..to`. */
export interface MetricOption {
  readonly name: string
  readonly from: string
  readonly to: string
}

/**
 * Parses one repeatable `--metric "name=from..to"` option, where the points are
 * `incident.started`, `incident.ended`, `incident.first_status_update` or a milestone name, and
 * appends it to the ones given before.
 *
 * @example
 * parseMetricOption('time to contain=incident.started..contained', []) // [{ name: 'time to contain', from: 'incident.started', to: 'contained' }]
 */
export const parseMetricOption = (value: string, previous: readonly MetricOption[] = []): MetricOption[] => {
  const match = /^([^=]+)=([^.]+(?:\.[^.]+)*?)\.\.(.+)$/.exec(value)
  const [name, from, to] = match ? [match[1]!.trim(), match[2]!.trim(), match[3]!.trim()] : []
  if (!name || !from || !to) throw new InvalidArgumentError(`a metric is "name=from..to", like "time to contain=incident.started..contained": ${JSON.stringify(value)}`)
  return [...previous, { name, from, to }]
}
