/**
 * The time of day of an ISO timestamp in UTC, `09:31`; `-` for null.
 *
 * @example
 * clockTime('2026-03-12T09:31:00.000Z') // '09:31'
 */
export const clockTime = (iso: string | null): string => (iso === null ? '-' : iso.slice(11, 16))

/**
 * Lays out rows as a plain-text table with a header and padded columns.
 *
 * @example
 * textTable(['Item', 'Took'], [['Roll back', '12m']]) // 'Item       Took\n---------  ----\nRoll back  12m'
 */
export const textTable = (header: readonly string[], rows: readonly (readonly string[])[]): string => {
  const widths = header.map((h, column) => Math.max(h.length, ...rows.map((row) => (row[column] ?? '').length)))
  const line = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}
