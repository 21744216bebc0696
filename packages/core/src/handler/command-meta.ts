import * as E from 'fp-ts/lib/Either.js'
import { unstorableJson } from '../events/storable-json.js'
import { incidentError, type IncidentError } from '../errors.js'

/**
 * Who sends a command and its idempotency key: the same `commandId` never acts twice. Each is a
 * string that is not blank and holds no text a store refuses (a NUL, a lone surrogate).
 */
export interface CommandMeta {
  readonly commandId: string
  readonly actorId: string
  /** Ties together the commands of one user action or process; the command id by default. */
  readonly correlationId?: string
}

/*
 * Every event's envelope carries these. A blank one names no command and no one: an empty
 * `commandId` would be one key shared by every caller that forgot to set it, each getting the
 * first one's result. Text no store keeps (a NUL, a lone surrogate) would make the append throw.
 */
const idProblem = (field: string, value: unknown): string | undefined => {
  if (typeof value !== 'string') return `${field} must be a string`
  if (value.trim() === '') return `${field} must not be empty`
  return unstorableJson(value, field)
}

/**
 * The meta, or an `InvalidCommand` naming the first of `commandId`, `actorId` and (when given)
 * `correlationId` that is not a usable id. A blank `correlationId` counts as none given: processes
 * pass on the one of the event they react to, and a log written by an older release or imported
 * may hold a blank one, which must not stop them.
 *
 * @example
 * checkedMeta({ commandId: '', actorId: 'alice' }) // Left(InvalidCommand naming commandId)
 */
export const checkedMeta = (meta: CommandMeta): E.Either<IncidentError, CommandMeta> => {
  const blankCorrelation = typeof meta.correlationId === 'string' && meta.correlationId.trim() === ''
  const given: CommandMeta = {
    commandId: meta.commandId,
    actorId: meta.actorId,
    ...(meta.correlationId === undefined || blankCorrelation ? {} : { correlationId: meta.correlationId }),
  }
  for (const [field, value] of Object.entries(given)) {
    const problem = idProblem(field, value)
    if (problem !== undefined) return E.left(incidentError('InvalidCommand', { field }, problem))
  }
  return E.right(given)
}
