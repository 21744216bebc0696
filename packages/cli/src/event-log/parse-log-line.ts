import * as E from 'fp-ts/lib/Either.js'
import { decodeEvent, incidentStreamId, isEventType, IsoTimestamp, playbookStreamId, unstorableJson, type StoredEvent } from '@incident-kit/core'
import {
  CLOUDEVENTS_SPEC_VERSION,
  EVENT_DATA_CONTENT_TYPE,
  fromCloudEvent,
  type IncidentKitCloudEvent,
} from './cloud-event.js'

/** What is wrong with one line of a log file; `line` counts from 1 as editors do. */
export interface LogLineError {
  readonly _tag: 'LogLineError'
  readonly line: number
  readonly message: string
}

/** A valid line: the decoded event (upcast to this release's schema) and the raw CloudEvent. */
export interface LogLine {
  readonly line: number
  readonly cloudEvent: IncidentKitCloudEvent
  readonly event: StoredEvent
}

export const lineError = (line: number, message: string): LogLineError => ({ _tag: 'LogLineError', line, message })

/** Renders an error the way every command prints it: `line N: what is wrong`. */
export const formatLineError = (error: LogLineError) => `line ${error.line}: ${error.message}`

/*
 * `id` is any string, the empty one included: stores hold whatever envelope ids they were given
 * (release 0.1.0 recorded a blank `commandId`), and a file `export` wrote must read back as it is.
 * New commands refuse blank ids in `handle()`, not here.
 */
type FieldKind = 'string' | 'id' | 'timestamp' | 'version'

const REQUIRED_FIELDS: ReadonlyArray<readonly [keyof IncidentKitCloudEvent, FieldKind]> = [
  ['specversion', 'string'],
  ['id', 'string'],
  ['source', 'string'],
  ['type', 'string'],
  ['subject', 'string'],
  ['time', 'timestamp'],
  ['streamversion', 'version'],
  ['actorid', 'id'],
  ['recordedat', 'timestamp'],
  ['schemaversion', 'version'],
  ['commandid', 'id'],
]

const STREAM_PREFIX_BY_CATEGORY: Readonly<Record<string, string>> = {
  incident: 'incident-',
  checklist: 'incident-',
  playbook: 'playbook-',
}

const fieldProblem = (name: string, kind: FieldKind, value: unknown): string | undefined => {
  if (value === undefined || value === null) return `missing field "${name}"`
  if (kind === 'string' && (typeof value !== 'string' || value === '')) return `field "${name}" must be a non-empty string`
  if (kind === 'id' && typeof value !== 'string') return `field "${name}" must be a string`
  if (kind === 'timestamp' && !IsoTimestamp.is(value)) {
    return `field "${name}" must be an ISO-8601 UTC timestamp like 2026-03-01T08:40:00.000Z, got ${JSON.stringify(value)}`
  }
  if (kind === 'version' && !(typeof value === 'number' && Number.isInteger(value) && value >= 1)) {
    return `field "${name}" must be an integer from 1, got ${JSON.stringify(value)}`
  }
  return undefined
}

const checkShape = (object: Record<string, unknown>): string | undefined => {
  for (const [name, kind] of REQUIRED_FIELDS) {
    const problem = fieldProblem(name, kind, object[name])
    if (problem) return problem
  }
  if (object.specversion !== CLOUDEVENTS_SPEC_VERSION) {
    return `unsupported specversion ${JSON.stringify(object.specversion)} (expected "${CLOUDEVENTS_SPEC_VERSION}")`
  }
  if (object.datacontenttype !== undefined && object.datacontenttype !== EVENT_DATA_CONTENT_TYPE) {
    return `datacontenttype must be "${EVENT_DATA_CONTENT_TYPE}", got ${JSON.stringify(object.datacontenttype)}`
  }
  if (!('data' in object)) return 'missing field "data"'
  if (object.correlationid !== undefined && typeof object.correlationid !== 'string') return 'field "correlationid" must be a string'
  const type = object.type as string
  if (!isEventType(type)) return `unknown event type ${JSON.stringify(type)}`
  const prefix = STREAM_PREFIX_BY_CATEGORY[type.split('.')[0] ?? '']
  if (prefix && !(object.subject as string).startsWith(prefix)) {
    return `a ${type} event belongs to a stream "${prefix}<id>", not ${JSON.stringify(object.subject)}`
  }
  // Checked here, not left to the store's append, so that such a line writes nothing of the file.
  const unstorable = unstorableJson(object, '')
  return unstorable === undefined ? undefined : `${unstorable}, which no store keeps`
}

/*
 * The events that name their incident or playbook must sit in the stream the command handler would
 * have appended them to: every view reads the id from the event, the store keys the stream by the
 * subject, and the two disagreeing would show one incident's events under another's name.
 */
const streamProblem = (event: StoredEvent): string | undefined => {
  const [id, stream] =
    event.type === 'incident.started'
      ? [`incident ${event.data.incidentId}`, incidentStreamId(event.data.incidentId)]
      : event.type === 'playbook.created'
        ? [`playbook ${event.data.playbookId}`, playbookStreamId(event.data.playbookId)]
        : []
  return stream === undefined || stream === event.streamId
    ? undefined
    : `the ${event.type} of ${id} belongs to the stream ${JSON.stringify(stream)}, not ${JSON.stringify(event.streamId)}`
}

/**
 * Parses and validates one line of a CloudEvents log: JSON, the CloudEvents attributes and
 * extensions, a known event type, `data` against that type's codec (after upcasting), and that an
 * `incident.started` or `playbook.created` sits in the stream of the id it names.
 * `correlationid` may be absent; it then defaults to `commandid`. `actorid`, `commandid` and
 * `correlationid` may be blank, as a store may hold them.
 *
 * @example
 * parseLogLine('{"specversion":"1.0",…}', 3) // Right({ line: 3, cloudEvent, event })
 */
export const parseLogLine = (text: string, line: number): E.Either<LogLineError, LogLine> => {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    return E.left(lineError(line, `invalid JSON (${(error as Error).message})`))
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return E.left(lineError(line, 'expected a JSON object (one CloudEvent per line)'))
  }
  const object = parsed as Record<string, unknown>
  const problem = checkShape(object)
  if (problem) return E.left(lineError(line, problem))
  const cloudEvent = {
    ...object,
    datacontenttype: EVENT_DATA_CONTENT_TYPE,
    correlationid: (object.correlationid as string | undefined) ?? (object.commandid as string),
  } as IncidentKitCloudEvent
  const decoded = decodeEvent(fromCloudEvent(cloudEvent, positionOfLine(line)))
  if (E.isLeft(decoded)) {
    const detail = decoded.left.reason === 'invalid_data' ? `invalid data for ${cloudEvent.type}` : decoded.left.reason.replaceAll('_', ' ')
    return E.left(lineError(line, `${detail}: ${decoded.left.message.replace(/^event [^:]*: /, '')}`))
  }
  const misplaced = streamProblem(decoded.right)
  if (misplaced) return E.left(lineError(line, misplaced))
  return E.right({ line, cloudEvent, event: decoded.right })
}

const POSITION_DIGITS = 12

/** A file's events get their line number as position, zero-padded so that positions sort as text. */
export const positionOfLine = (line: number) => String(line).padStart(POSITION_DIGITS, '0')
