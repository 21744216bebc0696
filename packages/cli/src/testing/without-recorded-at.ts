/**
 * The lines of an exported log as objects, without `recordedat`: what an import or a copy changes
 * by design (the target records each event anew), so tests compare the rest.
 *
 * @example
 * expect(withoutRecordedAt(copied)).toEqual(withoutRecordedAt(original))
 */
export const withoutRecordedAt = (log: string): Record<string, unknown>[] =>
  log
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const { recordedat: _recordedAt, ...rest } = JSON.parse(line) as Record<string, unknown>
      return rest
    })
