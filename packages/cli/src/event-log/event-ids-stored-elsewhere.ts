import { readLogPages, type EventStore } from '@incident-kit/core'
import { lineError, type LogLine, type LogLineError } from './parse-log-line.js'

/**
 * The lines whose event id the store already holds at another stream or version. A store refuses
 * such an append mid-import, once the streams before it are written; the per-stream comparison
 * cannot see it, because the id sits in a stream the file may not even touch. So the store's whole
 * log is read once, page by page, against the file's ids (the file is in memory already, the log
 * need not be). An empty store ends the scan at its first read.
 *
 * @example
 * await eventIdsStoredElsewhere(store, lines) // [lineError(2, 'event id e1 is already stored as playbook-a version 1')]
 */
export const eventIdsStoredElsewhere = async (store: Pick<EventStore, 'readAll'>, lines: readonly LogLine[]): Promise<LogLineError[]> => {
  const lineOfId = new Map(lines.map((line) => [line.event.id, line]))
  const errors: LogLineError[] = []
  for await (const { events } of readLogPages(store)) {
    for (const stored of events) {
      const line = lineOfId.get(stored.id)
      if (line && (line.event.streamId !== stored.streamId || line.event.version !== stored.version)) {
        errors.push(lineError(line.line, `event id ${stored.id} is already stored as ${stored.streamId} version ${stored.version}`))
      }
    }
  }
  return errors
}
