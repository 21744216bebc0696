/** Postgres's SQLSTATE for a row that a unique index rejected. */
const UNIQUE_VIOLATION = '23505'

/**
 * The unique constraint (or index) a failed statement violated; `undefined` for any other error.
 *
 * @example
 * violatedUniqueConstraint(error) === CONSTRAINT.streamVersion // a concurrent append took the version
 */
export const violatedUniqueConstraint = (error: unknown): string | undefined => {
  const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown }
  return code === UNIQUE_VIOLATION ? (typeof constraint === 'string' ? constraint : '') : undefined
}
