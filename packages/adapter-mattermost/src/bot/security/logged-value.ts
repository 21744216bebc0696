/**
 * The most of a request's own value (an id it claims) that a log line keeps. Mattermost's ids have
 * 26 characters; the rest of a longer value is only counted, so that a request nobody has
 * authenticated yet cannot write up to a body's worth of text of its choosing into the logs.
 */
export const LOGGED_VALUE_MAX = 64

/**
 * A value taken from a request as a log line may show it: cut to `LOGGED_VALUE_MAX` characters,
 * with how many more there were.
 *
 * @example
 * loggedValue('a'.repeat(100)) // 'aaaa…aaaa… (+36 characters)' (64 kept)
 * loggedValue(undefined) // undefined
 */
export const loggedValue = (value: string | null | undefined): string | undefined => {
  if (value === null || value === undefined) return undefined
  return value.length <= LOGGED_VALUE_MAX ? value : `${value.slice(0, LOGGED_VALUE_MAX)}… (+${value.length - LOGGED_VALUE_MAX} characters)`
}
