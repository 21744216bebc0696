import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { describeCodecErrors, firstFailedField } from '../codec-errors.js'
import { incidentError, type IncidentError } from '../errors.js'
import { checklistCommandCodecs } from './checklist-commands.js'
import { incidentCommandCodecs } from './incident-commands.js'
import { playbookCommandCodecs } from './playbook-commands.js'

export const commandCodecs = { ...incidentCommandCodecs, ...checklistCommandCodecs, ...playbookCommandCodecs } as const
type Codecs = typeof commandCodecs
export type CommandType = keyof Codecs
export type CommandOf<K extends CommandType> = t.TypeOf<Codecs[K]>
export type Command = { [K in CommandType]: CommandOf<K> }[CommandType]
export type IncidentCommand = Exclude<Command, PlaybookCommand>
export type PlaybookCommand = CommandOf<keyof typeof playbookCommandCodecs>
export type ChecklistCommand = CommandOf<keyof typeof checklistCommandCodecs>

export const COMMAND_TYPES = Object.keys(commandCodecs) as CommandType[]

export const isCommandType = (type: unknown): type is CommandType => typeof type === 'string' && Object.hasOwn(commandCodecs, type)

const typeOf = (input: unknown): unknown => (typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : undefined)

/**
 * The error for a command whose `type` is none of `COMMAND_TYPES`. A typed command's type is
 * checked by the compiler alone: JavaScript callers and casts can still pass anything.
 *
 * @example
 * unknownCommandType({ type: 'DropTables' }) // InvalidCommand naming type: unknown command type "DropTables"
 */
export const unknownCommandType = (command: unknown): IncidentError =>
  incidentError('InvalidCommand', { field: 'type' }, `unknown command type ${JSON.stringify(typeOf(command))}`)

export const isPlaybookCommand = (command: Command): command is PlaybookCommand =>
  Object.hasOwn(playbookCommandCodecs, command.type)

export const isChecklistCommand = (command: Command): command is ChecklistCommand => Object.hasOwn(checklistCommandCodecs, command.type)

/**
 * Decodes a command from untrusted input (an HTTP body, a chat adapter, a file). Unknown fields are
 * dropped; a missing or malformed field is an `InvalidCommand` error naming it.
 *
 * @example
 * decodeCommand({ type: 'CheckItem', incidentId: 'i1', itemId: 'x' }) // Right(command)
 */
export const decodeCommand = (input: unknown): E.Either<IncidentError, Command> => {
  const type = typeOf(input)
  if (!isCommandType(type)) return E.left(unknownCommandType(input))
  const codec = commandCodecs[type] as t.Decoder<unknown, Command>
  const result = codec.decode(input)
  if (E.isLeft(result)) {
    return E.left(incidentError('InvalidCommand', { field: firstFailedField(result.left) || 'command' }, describeCodecErrors(result.left)))
  }
  return result
}
