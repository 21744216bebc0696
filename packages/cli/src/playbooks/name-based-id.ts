import { createHash } from 'node:crypto'

/** The namespace of Incident Kit's name-based ids (a fixed random uuid, never change it). */
const INCIDENT_KIT_NAMESPACE = '0f6b0a52-6c1e-4d3e-9a55-5d7f1c2b8e11'

/**
 * A name-based uuid (RFC 9562 version 5: SHA-1 of a namespace and a name): the same parts always
 * give the same id. Used where running a command twice must address the same thing (the playbooks
 * of a team, the demo's incident and commands).
 *
 * @example
 * nameBasedId('playbook', 'team-1', 'site-reliability') === nameBasedId('playbook', 'team-1', 'site-reliability') // true
 */
export const nameBasedId = (...parts: readonly string[]): string => {
  const namespace = Buffer.from(INCIDENT_KIT_NAMESPACE.replaceAll('-', ''), 'hex')
  const hash = createHash('sha1').update(namespace).update(JSON.stringify(parts)).digest()
  hash[6] = (hash[6]! & 0x0f) | 0x50
  hash[8] = (hash[8]! & 0x3f) | 0x80
  const hex = hash.subarray(0, 16).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/**
 * An id generator of name-based ids `(namespace, 1)`, `(namespace, 2)`, …: deterministic, and
 * distinct from every other namespace's ids.
 *
 * @example
 * const ids = nameBasedIds('demo'); ids.next() === nameBasedId('demo', '1') // true
 */
export const nameBasedIds = (namespace: string) => {
  let counter = 0
  return {
    next: () => {
      counter += 1
      return nameBasedId(namespace, String(counter))
    },
  }
}
