import { channelSlug, cutChannelSlug } from '@incident-kit/core'

/** Longest channel handle Mattermost accepts. */
export const CHANNEL_NAME_MAX_LENGTH = 64
/** Shortest handle every supported server accepts (current ones take 1, older ones need 2). */
const CHANNEL_NAME_MIN_LENGTH = 2
/** Used when nothing usable is left of the display name (e.g. only emoji or CJK characters). */
const DEFAULT_CHANNEL_NAME_FALLBACK = 'channel'

const SERVER_ID_LENGTH = 26
const PORTABLE_CHANNEL_NAME = /^[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?$/
const LOOKS_LIKE_SERVER_ID = /^[a-z0-9]{26}$/

/**
 * True when every supported Mattermost server accepts `name` as a channel handle: 2–64 characters
 * of `[a-z0-9_-]`, alphanumeric at both ends, no `__`, and not shaped like a 26-character id.
 *
 * @example
 * isValidChannelName('inc-42-db-down') // true
 * isValidChannelName('Inc 42')         // false
 */
export const isValidChannelName = (name: string): boolean =>
  name.length >= CHANNEL_NAME_MIN_LENGTH &&
  name.length <= CHANNEL_NAME_MAX_LENGTH &&
  PORTABLE_CHANNEL_NAME.test(name) &&
  !name.includes('__') &&
  !LOOKS_LIKE_SERVER_ID.test(name)

/**
 * Turns a display name into a valid channel handle: accents dropped, lower-cased, every run of
 * other characters becomes one `-`, cut at 64 characters. Pure and deterministic.
 *
 * @example
 * toChannelName('Incident #42: DB down!') // 'incident-42-db-down'
 * toChannelName('Crème brûlée')           // 'creme-brulee'
 * toChannelName('🔥')                     // 'channel'
 */
export const toChannelName = (display: string, fallback: string = DEFAULT_CHANNEL_NAME_FALLBACK): string => {
  const slug = channelSlug(display)
  const safeFallback = channelSlug(fallback).length >= CHANNEL_NAME_MIN_LENGTH ? channelSlug(fallback) : DEFAULT_CHANNEL_NAME_FALLBACK
  const long = slug.length === 0 ? safeFallback : slug.length < CHANNEL_NAME_MIN_LENGTH ? `${slug}-${safeFallback}` : slug
  return unlikeServerId(cutChannelSlug(long, CHANNEL_NAME_MAX_LENGTH))
}

/**
 * The `attempt`-th alternative to a taken handle: `name-2`, `name-3`, … still within 64 characters.
 *
 * @example
 * channelNameWithSuffix('inc-42', 2) // 'inc-42-2'
 */
export const channelNameWithSuffix = (name: string, attempt: number): string => {
  const suffix = `-${attempt}`
  return `${cutChannelSlug(toChannelName(name), CHANNEL_NAME_MAX_LENGTH - suffix.length)}${suffix}`
}

/** A 26-character alphanumeric handle would be read as an id by the server. */
const unlikeServerId = (name: string): string =>
  LOOKS_LIKE_SERVER_ID.test(name) ? `${name.slice(0, SERVER_ID_LENGTH - 2)}-${name.slice(SERVER_ID_LENGTH - 2)}` : name
