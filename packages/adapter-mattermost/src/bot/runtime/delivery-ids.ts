import { createHash } from 'node:crypto'

const hash = (text: string) => createHash('sha256').update(text).digest('hex')

/**
 * The idempotency key of one delivery from Mattermost: the same slash request or click delivered
 * twice gives the same key, so the core appends nothing the second time. `trigger_id` is unique per
 * invocation; when it is missing, the whole delivery is hashed.
 *
 * @example
 * deliveryKey('slash', body.trigger_id, body) // 'slash-1f3a...'
 */
export const deliveryKey = (kind: string, triggerId: string | undefined, delivery: unknown): string =>
  `${kind}-${hash(triggerId !== undefined && triggerId !== '' ? `trigger:${triggerId}` : `body:${JSON.stringify(delivery)}`).slice(0, 40)}`

/**
 * The idempotency key of one dialog submission: the dialog's key and a hash of the values
 * submitted, keys sorted. Submitted again unchanged, it acts once; with other values (a person who
 * edited a field after "taking longer"), it is a command of its own, not the first one's result.
 *
 * @example
 * submissionKey('dialog-1f3a...', { message: 'Failing over' }) // 'dialog-1f3a...-9c2e...'
 */
export const submissionKey = (dialogKey: string, submission: Readonly<Record<string, unknown>>): string => {
  const values = Object.keys(submission)
    .sort()
    .map((name) => [name, submission[name]])
  return `${dialogKey}-${hash(JSON.stringify(values)).slice(0, 16)}`
}

/**
 * A uuid-shaped id derived from a key: the incident id of a start is derived from its delivery, so a
 * repeated start names the same incident.
 *
 * @example
 * idFromKey('slash-1f3a...') // 'a3c1...-....-4...-8...-............'
 */
export const idFromKey = (key: string): string => {
  const h = hash(`id:${key}`)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`
}
