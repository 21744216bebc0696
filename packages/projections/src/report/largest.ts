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
