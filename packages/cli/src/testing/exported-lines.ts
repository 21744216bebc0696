/**
 * The lines of an exported log as objects, for tests that compare filtered exports.
 *
 * @example
 * expect(exportedLines(teamExport)).toEqual(exportedLines(all).filter(...))
 */
export const exportedLines = (log: string): Record<string, unknown>[] =>
  log
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
