import { createHash, timingSafeEqual } from 'node:crypto'

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest()

/**
 * Whether `presented` equals one of `accepted`, in time that depends on neither value: both sides
 * are hashed to equal-length digests first, and every accepted token is compared.
 *
 * @example
 * tokenMatches('abc', ['xyz', 'abc']) // true
 */
export const tokenMatches = (presented: string | undefined, accepted: readonly string[]): boolean => {
  if (presented === undefined || presented === '') return false
  const given = digest(presented)
  let matched = false
  for (const token of accepted) matched = timingSafeEqual(given, digest(token)) || matched
  return matched
}

/**
 * The token of an `Authorization: Token <value>` header as Mattermost sends it to slash commands.
 *
 * @example
 * tokenFromAuthorization('Token abc123') // 'abc123'
 */
export const tokenFromAuthorization = (header: string | undefined): string | undefined => {
  const match = header === undefined ? null : /^token\s+(\S+)\s*$/i.exec(header)
  return match?.[1]
}
