/**
 * Why a connection failed, never empty: when `localhost` resolves to both ::1 and 127.0.0.1 and
 * both refuse, Node reports an AggregateError whose own message is empty.
 *
 * @example
 * connectionFailureReason(new AggregateError([new Error('connect ECONNREFUSED ::1:5432'), new Error('connect ECONNREFUSED 127.0.0.1:5432')], ''))
 * // 'connect ECONNREFUSED ::1:5432; connect ECONNREFUSED 127.0.0.1:5432'
 */
export const connectionFailureReason = (error: unknown): string => {
  const { message, errors, code } = (typeof error === 'object' && error !== null ? error : {}) as { message?: unknown; errors?: unknown; code?: unknown }
  if (typeof message === 'string' && message !== '') return message
  if (Array.isArray(errors) && errors.length > 0) return errors.map(connectionFailureReason).join('; ')
  return typeof code === 'string' ? code : String(error)
}
