/**
 * The typed errors that `decide` and the command handler return (in an fp-ts `Either`). Each has a
 * stable `_tag` to switch on and a `message` a person can read.
 */
export type IncidentError =
  | { readonly _tag: 'IncidentNotFound'; readonly incidentId: string; readonly message: string }
  | { readonly _tag: 'IncidentAlreadyExists'; readonly incidentId: string; readonly message: string }
  | { readonly _tag: 'IncidentEnded'; readonly incidentId: string; readonly message: string }
  | { readonly _tag: 'IncidentNotEnded'; readonly incidentId: string; readonly message: string }
  | { readonly _tag: 'SectionNotFound'; readonly sectionId: string; readonly message: string }
  | { readonly _tag: 'SectionAlreadyExists'; readonly sectionId: string; readonly message: string }
  | { readonly _tag: 'ItemNotFound'; readonly itemId: string; readonly message: string }
  | { readonly _tag: 'ItemAlreadyExists'; readonly itemId: string; readonly message: string }
  | { readonly _tag: 'ItemStateConflict'; readonly itemId: string; readonly state: string; readonly message: string }
  | { readonly _tag: 'PlaybookNotFound'; readonly playbookId: string; readonly message: string }
  | { readonly _tag: 'PlaybookAlreadyExists'; readonly playbookId: string; readonly message: string }
  | { readonly _tag: 'PlaybookArchived'; readonly playbookId: string; readonly message: string }
  | { readonly _tag: 'PlaybookTeamMismatch'; readonly playbookId: string; readonly message: string }
  | { readonly _tag: 'NoChange'; readonly message: string }
  | { readonly _tag: 'InvalidCommand'; readonly field: string; readonly message: string }
  /** The `commandId` already belongs to another command, recorded on `streamId`. */
  | { readonly _tag: 'CommandIdReused'; readonly commandId: string; readonly streamId: string; readonly message: string }
  | {
      readonly _tag: 'ConcurrencyConflict'
      readonly streamId: string
      readonly expected: string
      readonly actual: number
      /** How many times the command was decided and its append lost to another command. */
      readonly attempts: number
      readonly message: string
    }
  | { readonly _tag: 'CorruptStream'; readonly streamId: string; readonly version: number; readonly message: string }

export type IncidentErrorTag = IncidentError['_tag']

/** Builds an error of the given tag; the message is the last argument. */
export const incidentError = <K extends IncidentErrorTag>(
  tag: K,
  fields: Omit<Extract<IncidentError, { _tag: K }>, '_tag' | 'message'>,
  message: string,
): IncidentError => ({ _tag: tag, ...fields, message }) as IncidentError
