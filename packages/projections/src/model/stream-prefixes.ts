/**
 * Each stream's events up to its first one that `within` refuses, in the order given; everything
 * of that stream from there on is left out, even an event `within` would keep. A time cut is made
 * this way, not by filtering: bot replicas whose clocks disagree can stamp an event earlier than the
 * one before it in its stream, and a filter would then keep the later event without the one it
 * follows (an item checked that was never added, an end before the note that preceded it). A prefix
 * of every stream is a state each incident really was in. `buildReadModel` as of a time and the
 * team report cut with it, so both show the same incidents as of the same time.
 *
 * @example
 * streamPrefixes(events, (event) => Date.parse(event.occurredAt) <= limit)
 */
export const streamPrefixes = <T extends { readonly streamId: string }>(events: readonly T[], within: (event: T) => boolean): T[] => {
  const passed = new Set<string>()
  return events.filter((event) => {
    if (passed.has(event.streamId)) return false
    if (within(event)) return true
    passed.add(event.streamId)
    return false
  })
}
