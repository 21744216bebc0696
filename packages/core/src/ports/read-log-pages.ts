import { START, type LogPosition, type RecordedEvent } from '../events/envelope.js'
import type { EventStore, ReadAllResult } from './event-store.js'

/** Events read from a store per page. */
const DEFAULT_LOG_PAGE_SIZE = 1000

export interface ReadLogPagesOptions {
  /** Where to start: after this checkpoint (`START`, the beginning, by default). */
  readonly after?: LogPosition
  /** Events per read. */
  readonly pageSize?: number
}

/**
 * The store's log in global order, page by page, as far as it goes now: each page with the
 * checkpoint to resume from after it. It ends at an empty page, not at a short one: on Postgres a
 * page comes back short when rows of a transaction still open elsewhere are held back (the gap-safe
 * order), and the next read, which waits for them again, finds them once that transaction ends.
 *
 * @example
 * for await (const { events, checkpoint } of readLogPages(store, { after: saved })) await apply(events, checkpoint)
 */
export async function* readLogPages(store: Pick<EventStore, 'readAll'>, options: ReadLogPagesOptions = {}): AsyncGenerator<ReadAllResult> {
  const limit = options.pageSize ?? DEFAULT_LOG_PAGE_SIZE
  let after = options.after ?? START
  for (;;) {
    const page = await store.readAll({ after, limit })
    if (page.events.length === 0) return
    yield page
    if (page.checkpoint === after) return
    after = page.checkpoint
  }
}

/**
 * The store's whole log in global order, in memory: for views built from the full history.
 *
 * @example
 * const model = buildReadModel(await readWholeLog(store))
 */
export const readWholeLog = async (store: Pick<EventStore, 'readAll'>, pageSize = DEFAULT_LOG_PAGE_SIZE): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = []
  // One push per event: spreading a page into `push` passes each event as an argument, and a page
  // of some hundred thousand events is more arguments than the call stack holds (a RangeError).
  for await (const page of readLogPages(store, { pageSize })) {
    for (const event of page.events) events.push(event)
  }
  return events
}
