/**
 * The largest of `values`, or `floor` when none is larger: a loop, not `Math.max(...values)`,
 * because spreading one argument per incident overflows the stack for about 100k of them.
 *
 * @example
 * largest([3, 9, 4]) // 9
 * largest([], 1) // 1
 */
export const largest = (values: readonly number[], floor = -Infinity): number => {
  let most = floor
  for (const value of values) if (value > most) most = value
  return most
}

/**
 * The smallest of `values`, or `ceiling` when none is smaller: a loop, as {@link largest}.
 *
 * @example
 * smallest([3, 9, 4]) // 3
 * smallest([], 1) // 1
 */
export const smallest = (values: readonly number[], ceiling = Infinity): number => {
  let least = ceiling
  for (const value of values) if (value < least) least = value
  return least
}
