/**
 * Upcasting: events are stored with the schema version they were written with and brought up to the
 * current version when read, one step at a time. The log on disk is never rewritten.
 *
 * @example
 * // Suppose schema version 1 of `incident.note_added` had called the text `message`:
 * const noteMessageToText: Upcaster = {
 *   type: 'incident.note_added',
 *   fromVersion: 1,
 *   upcast: (data) => { const { message, ...rest } = data as { message: string }; return { ...rest, text: message } },
 * }
 */
export interface Upcaster {
  readonly type: string
  /** The schema version this step reads; it produces `fromVersion + 1`. */
  readonly fromVersion: number
  readonly upcast: (data: unknown) => unknown
}

/** The upcasters of this release: none yet, every event type is at schema version 1. */
export const defaultUpcasters: readonly Upcaster[] = []

/**
 * Applies the steps from `schemaVersion` to `targetVersion`; `undefined` when a step is missing
 * (a version newer than this code, or a gap in the chain).
 */
export const upcastData = (
  upcasters: readonly Upcaster[],
  type: string,
  schemaVersion: number,
  targetVersion: number,
  data: unknown,
): unknown => {
  let current = data
  for (let v = schemaVersion; v < targetVersion; v++) {
    const step = upcasters.find((u) => u.type === type && u.fromVersion === v)
    if (!step) return undefined
    current = step.upcast(current)
  }
  return current
}
