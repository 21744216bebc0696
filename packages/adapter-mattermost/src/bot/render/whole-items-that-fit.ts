import { POST_MESSAGE_MAX_RUNES, runeLength } from './post-size.js'

/** Which end of a list a reply keeps when not all of it fits: the first rows, or the newest entries at the end. */
type KeptEnd = 'first' | 'last'

/**
 * The message with as many whole items as fit in a post, kept from `keep`'s end, rendered by
 * `render` with the items shown and how many were left out (so that it can say so). `fitMessage`
 * would cut the text itself: mid-row, at the end the reader wants, with no count. `leftOutBefore`
 * counts items the caller had already dropped (a page's limit), so the count stays true.
 *
 * @example
 * fitWholeItems(rows, 'first', (shown, leftOut) => [...shown, leftOut > 0 ? `_${leftOut} more not shown._` : ''].join('\n'))
 */
export const fitWholeItems = <T>(
  items: readonly T[],
  keep: KeptEnd,
  render: (shown: readonly T[], leftOut: number) => string,
  leftOutBefore = 0,
  maxRunes: number = POST_MESSAGE_MAX_RUNES,
): string => {
  const take = (count: number) => (keep === 'first' ? items.slice(0, count) : items.slice(items.length - count))
  const message = (count: number) => render(take(count), items.length - count + leftOutBefore)
  const fits = (count: number) => runeLength(message(count)) <= maxRunes
  const whole = message(items.length)
  if (runeLength(whole) <= maxRunes) return whole
  // With a note saying some are left out, each item more makes the message longer: the most that
  // fit can be searched for by halves, rendering a few times rather than once per item.
  let fitting = 0
  let tooMany = items.length
  while (tooMany - fitting > 1) {
    const middle = Math.floor((fitting + tooMany) / 2)
    if (fits(middle)) fitting = middle
    else tooMany = middle
  }
  return message(fitting)
}
