/** What decides whether a failed attempt may be sent again. */
export interface RepeatableRequest {
  readonly method: string
  /** Set by a caller whose POST the server de-duplicates or that changes nothing twice. */
  readonly idempotent?: boolean
}

/** A retryable answer (429, 5xx) or a network failure, attempt timeouts included. */
export type FailedAttempt = { readonly status: number } | { readonly error: unknown }

/** Mattermost's rate limit: the one answer that says the request was not carried out. */
export const TOO_MANY_REQUESTS = 429
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'])
/**
 * Connection errors raised before a single byte of the request left: no TCP connection was made.
 * A reset, a closed socket or an attempt timeout may come after the server acted, so they are not here.
 */
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT'])

/**
 * True when sending the request again cannot do its work twice: the method is idempotent, the
 * caller marked it so, or the failure proves the server never acted on it (a 429 is refused before
 * any handler runs; a refused connection never carried the request).
 *
 * @example
 * isSafeToRepeat({ method: 'POST' }, { error: new Error('no answer within 1000 ms') }) // false
 */
export const isSafeToRepeat = (request: RepeatableRequest, failure: FailedAttempt): boolean => {
  if (request.idempotent === true || SAFE_METHODS.has(request.method.toUpperCase())) return true
  return 'status' in failure ? failure.status === TOO_MANY_REQUESTS : neverSent(failure.error)
}

/** `fetch` wraps the socket error as `cause`; a multi-address connect nests one per address in `errors`. */
const neverSent = (error: unknown): boolean => {
  const cause = fieldOf(error, 'cause') ?? error
  const errors = fieldOf(cause, 'errors')
  if (Array.isArray(errors) && errors.length > 0) return errors.every((each) => NEVER_SENT_CODES.has(String(fieldOf(each, 'code'))))
  return NEVER_SENT_CODES.has(String(fieldOf(cause, 'code')))
}

const fieldOf = (value: unknown, field: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[field] : undefined
