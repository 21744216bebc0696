import type { TimelineEntry } from '@incident-kit/projections'
import { timelineLines } from './timeline-lines.js'
import { fitWholeItems } from './whole-items-that-fit.js'

/** More entries than this are no longer read in a chat reply; a post-mortem gives the whole timeline. */
const MAX_TIMELINE_ENTRIES = 100

/**
 * The `timeline` reply: the newest entries (at most 100) that fit in a post, the oldest left out
 * first, since a responder reads a timeline for what just happened; a line says how many earlier
 * ones are not shown. The day headings are those of the entries shown.
 *
 * @example
 * timelineMessage('Database down', entries)
 * // '#### Timeline of Database down\n_2900 earlier entries not shown._\n**2026-03-01** (UTC)\n- `09:00` (+0:00) …'
 */
export const timelineMessage = (incidentName: string, entries: readonly TimelineEntry[]): string => {
  const newest = entries.slice(-MAX_TIMELINE_ENTRIES)
  return fitWholeItems(
    newest,
    'last',
    (shown, leftOut) => {
      const cut = leftOut > 0 ? `_${leftOut} earlier entries not shown._\n` : ''
      return `#### Timeline of ${incidentName}\n${cut}${timelineLines(shown).join('\n')}`
    },
    entries.length - newest.length,
  )
}
