import type { StoredEvent } from '@incident-kit/core'
import { lineError, type LogLine, type LogLineError } from './parse-log-line.js'

/** The event that creates each kind of stream, by the stream id's prefix. */
const CREATION_BY_PREFIX: ReadonlyArray<readonly [prefix: string, creation: string]> = [
  ['incident-', 'incident.started'],
  ['playbook-', 'playbook.created'],
]

const creationOf = (streamId: string): string | undefined => CREATION_BY_PREFIX.find(([prefix]) => streamId.startsWith(prefix))?.[1]

const isCreation = (type: string) => CREATION_BY_PREFIX.some(([, creation]) => creation === type)

/**
 * What the file has shown of one stream: whether it is ended (an incident) or archived (a playbook),
 * and on which line; `undefined` while the file has not told (a stream an export `--since` starts
 * mid-way, before its first `incident.ended` or `incident.reopened`).
 */
interface StreamSoFar {
  closed?: { readonly type: 'incident.ended' | 'playbook.archived'; readonly line: number } | null
}

/** What is wrong with one event given what its stream showed so far; updates that. */
const lifecycleProblem = (line: number, event: StoredEvent, streams: Map<string, StreamSoFar>): string | undefined => {
  const { streamId, version, type } = event
  const creation = creationOf(streamId)
  if (creation === undefined) return undefined
  let stream = streams.get(streamId)
  if (stream === undefined) {
    stream = {}
    streams.set(streamId, stream)
  }
  if (version === 1 && type !== creation) return `${streamId} starts with ${type} at version 1; a stream starts with its ${creation}`
  // A command handler creates a stream once: a second creation would replay as a new one, dropping the history before it.
  if (version > 1 && isCreation(type)) return `${type} at ${streamId} version ${version}; a stream is created once, at version 1`
  if (type === creation) {
    stream.closed = null
    return undefined
  }
  const closed = stream.closed
  if (type === 'incident.reopened') {
    if (closed === null) return `incident.reopened of ${streamId}, which is not ended (only an ended incident is reopened)`
    stream.closed = null
    return undefined
  }
  if (closed) {
    const after = `${closed.type} of ${streamId} (line ${closed.line})`
    return closed.type === 'incident.ended'
      ? `${type} after the ${after} without an incident.reopened (an ended incident takes nothing but a reopen)`
      : `${type} after the ${after} (an archived playbook takes no more events)`
  }
  if (type === 'incident.ended' || type === 'playbook.archived') stream.closed = { type, line }
  return undefined
}

/**
 * Checks that each incident and playbook stream is one the command handlers could have written
 * (`decide`): a stream the file starts at version 1 starts with its creation event
 * (`incident.started`, `playbook.created`), which no later version is; an ended incident takes no
 * event but `incident.reopened`, which only an ended incident takes; an archived playbook takes none.
 * A stream an export `--since` starts mid-way is checked from what the file shows of it.
 *
 * @example
 * lifecycleProblems(lines) // [lineError(40, 'incident.started at incident-x version 40; a stream is created once, at version 1')]
 */
export const lifecycleProblems = (lines: readonly LogLine[]): LogLineError[] => {
  const streams = new Map<string, StreamSoFar>()
  return lines.flatMap(({ line, event }) => {
    const problem = lifecycleProblem(line, event, streams)
    return problem === undefined ? [] : [lineError(line, problem)]
  })
}
