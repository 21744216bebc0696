import { createHash, timingSafeEqual } from 'node:crypto'

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest()

/**
 * The candidate whose token equals `presented`, in time that depends on neither value: both sides
 * are hashed to equal-length digests first, and every candidate is compared.
 *
 * @example
 * findByToken('abc', [{ team: 'ops', token: 'xyz' }, { team: 'dev', token: 'abc' }]) // { team: 'dev', token: 'abc' }
 */
export const findByToken = <T extends { readonly token: string }>(presented: string | undefined, candidates: readonly T[]): T | undefined => {
  if (presented === undefined || presented === '') return undefined
  const given = digest(presented)
  let found: T | undefined
  for (const candidate of candidates) {
    if (timingSafeEqual(given, digest(candidate.token))) found = candidate
  }
  return found
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
