import { START, type LogPosition, type RecordedEvent } from '../events/envelope.js'
import type { EventStore } from './event-store.js'

/** Events read from a store per page. */
export const DEFAULT_LOG_PAGE_SIZE = 1000

/**
 * The store's whole log in global order, page by page.
 *
 * @example
 * for await (const page of readLogPages(store)) console.log(page.length)
 */
export async function* readLogPages(store: Pick<EventStore, 'readAll'>, pageSize = DEFAULT_LOG_PAGE_SIZE): AsyncGenerator<readonly RecordedEvent[]> {
  let after: LogPosition = START
  for (;;) {
    const page = await store.readAll({ after, limit: pageSize })
    if (page.events.length === 0) return
    yield page.events
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
  for await (const page of readLogPages(store, pageSize)) events.push(...page)
  return events
}
