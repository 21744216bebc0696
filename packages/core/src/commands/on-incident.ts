import * as t from 'io-ts'
import { NonEmptyId, withOptional } from '../events/primitives.js'

/** The codec of a command addressed to one incident: its `type` literal, `incidentId`, and fields. */
export const onIncident = <T extends string, P extends t.Props, O extends t.Props = Record<never, never>>(
  type: T,
  props: P,
  optional?: O,
) => withOptional({ type: t.literal(type), incidentId: NonEmptyId, ...props }, optional ?? ({} as O), type)
