import { IncidentKitError, isIncidentKitError } from '@incident-kit/core'

/** Mattermost could not be reached, or kept answering 5xx until the retry budget ran out. */
export const MATTERMOST_UNAVAILABLE = 'MATTERMOST_UNAVAILABLE'
/** Mattermost kept answering 429 until the retry budget ran out. */
export const MATTERMOST_RATE_LIMITED = 'MATTERMOST_RATE_LIMITED'
/** Mattermost answered a 4xx (or a 5xx not worth retrying): the request itself is wrong or forbidden. */
export const MATTERMOST_REQUEST_REJECTED = 'MATTERMOST_REQUEST_REJECTED'
/** Every candidate channel name was taken. */
export const MATTERMOST_CHANNEL_NAME_TAKEN = 'MATTERMOST_CHANNEL_NAME_TAKEN'
/** A `response_url` outside the configured Mattermost site was refused. */
export const MATTERMOST_FOREIGN_URL = 'MATTERMOST_FOREIGN_URL'

/** Transient failures: the caller should keep the work and try again later. */
export class MattermostUnavailableError extends IncidentKitError {
  constructor(
    code: typeof MATTERMOST_UNAVAILABLE | typeof MATTERMOST_RATE_LIMITED,
    message: string,
    readonly attempts: number,
    readonly retryAfterMs: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(code, message, options)
    this.name = 'MattermostUnavailableError'
  }
}

/** A definitive answer from Mattermost; `serverErrorId` is the AppError `id` to match on. */
export class MattermostRequestError extends IncidentKitError {
  constructor(
    readonly status: number,
    readonly serverErrorId: string,
    readonly method: string,
    readonly path: string,
    message: string,
  ) {
    super(MATTERMOST_REQUEST_REJECTED, message)
    this.name = 'MattermostRequestError'
  }
}

/** Errors from the API wrapper that are not about one HTTP exchange. */
export class MattermostUsageError extends IncidentKitError {
  constructor(code: typeof MATTERMOST_CHANNEL_NAME_TAKEN | typeof MATTERMOST_FOREIGN_URL, message: string) {
    super(code, message)
    this.name = 'MattermostUsageError'
  }
}

/**
 * True when the failure is transient (Mattermost down, 5xx, 429): defer the work and retry later.
 *
 * @example
 * try { await api.createPost(post) } catch (e) { if (isMattermostUnavailable(e)) queue.later(post); else throw e }
 */
export const isMattermostUnavailable = (error: unknown): error is MattermostUnavailableError =>
  isIncidentKitError(error, MATTERMOST_UNAVAILABLE) || isIncidentKitError(error, MATTERMOST_RATE_LIMITED)

/**
 * True when Mattermost answered with this status (and AppError id, when given).
 *
 * @example
 * if (isMattermostRequestError(e, 404)) return undefined
 */
export const isMattermostRequestError = (
  error: unknown,
  status?: number,
  serverErrorId?: string,
): error is MattermostRequestError =>
  isIncidentKitError(error, MATTERMOST_REQUEST_REJECTED) &&
  (status === undefined || error.status === status) &&
  (serverErrorId === undefined || error.serverErrorId === serverErrorId)
