/**
 * A value as a store's error message quotes it: callers in JavaScript may pass anything, and a
 * message must say what was given without printing a whole object.
 *
 * @example
 * shownValue('now') // '"now"'
 * shownValue(1.5) // '1.5'
 * shownValue(true) // 'a boolean'
 */
export const shownValue = (value: unknown): string =>
  typeof value === 'string' ? JSON.stringify(value) : typeof value === 'number' ? String(value) : `a ${typeof value}`
