/** What replaces a secret in any text the client logs or throws. */
export const REDACTED = '[REDACTED]'

const CREDENTIAL_HEADER_VALUE = /\b(bearer|token)\s+[A-Za-z0-9._~+/=-]{8,}/gi
const ACCESS_TOKEN_PARAM = /([?&]access_token=)[^&#\s]+/gi
/* A slash command's `response_url` lets whoever holds it post as the command for half an hour. */
const COMMAND_HOOK_ID = /(\/hooks\/commands\/)[A-Za-z0-9]+/g

/** Removes secrets from text before it reaches a log line or an error message. */
export type Redactor = (text: string) => string

/**
 * Builds a redactor for the given secrets (empty ones ignored). Besides the exact secrets it
 * blanks anything shaped like an `Authorization` value, an `access_token` query parameter or the
 * id of a slash command's `response_url`.
 *
 * @example
 * const redact = createRedactor(['s3cr3t-token'])
 * redact('GET /x failed, token s3cr3t-token') // 'GET /x failed, token [REDACTED]'
 */
export const createRedactor = (secrets: readonly string[]): Redactor => {
  const known = secrets.filter((secret) => secret.length > 0)
  return (text) =>
    known
      .reduce((acc, secret) => acc.split(secret).join(REDACTED), text)
      .replace(CREDENTIAL_HEADER_VALUE, (_match, scheme: string) => `${scheme} ${REDACTED}`)
      .replace(ACCESS_TOKEN_PARAM, `$1${REDACTED}`)
      .replace(COMMAND_HOOK_ID, `$1${REDACTED}`)
}

/**
 * A plain, redacted copy of a low-level failure (network error, abort), safe to keep as the
 * `cause` of a thrown error: the original may carry request headers.
 */
export const redactedCause = (error: unknown, redact: Redactor): { name: string; message: string; code?: string } => {
  if (!(error instanceof Error)) return { name: 'Error', message: redact(String(error)) }
  const nested = error.cause instanceof Error ? `: ${error.cause.message}` : ''
  const code = (error as { code?: unknown }).code ?? (error.cause as { code?: unknown } | undefined)?.code
  return {
    name: error.name,
    message: redact(`${error.message}${nested}`),
    ...(typeof code === 'string' ? { code } : {}),
  }
}
