import { formatOffset, type TimelineEntry } from '@incident-kit/projections'

/**
 * The `timeline` reply's lines: each entry with its time of day and its offset from the start, under
 * a line with the date each time the day changes, so that an incident that ran over midnight or
 * for days reads right. Times are UTC, as every time the bot shows.
 *
 * @example
 * timelineLines(entries)
 * // ['**2026-03-01** (UTC)', '- `09:00` (+0:00) Incident started by @alice', '- `09:12` (+0:12) …']
 */
export const timelineLines = (entries: readonly TimelineEntry[]): string[] => {
  const lines: string[] = []
  let day: string | undefined
  for (const entry of entries) {
    const at = new Date(Date.parse(entry.at)).toISOString()
    if (at.slice(0, 10) !== day) {
      day = at.slice(0, 10)
      lines.push(`**${day}** (UTC)`)
    }
    lines.push(`- \`${at.slice(11, 16)}\` (${formatOffset(entry.offsetFromStart)}) ${entry.text}`)
  }
  return lines
}
