import * as t from 'io-ts'
import { onIncident } from './on-incident.js'
import { NonEmptyId, CommandTimestamp, NonNegativeInt } from '../events/primitives.js'

/** Commands on an incident's checklist. Items and sections are addressed by id, never position. */
export const checklistCommandCodecs = {
  AddSection: onIncident('AddSection', { title: t.string }, { sectionId: NonEmptyId, position: NonNegativeInt }),
  RenameSection: onIncident('RenameSection', { sectionId: NonEmptyId, title: t.string }),
  RemoveSection: onIncident('RemoveSection', { sectionId: NonEmptyId }),
  AddItem: onIncident(
    'AddItem',
    { sectionId: NonEmptyId, title: t.string },
    { itemId: NonEmptyId, position: NonNegativeInt, assigneeId: NonEmptyId, dueAt: CommandTimestamp, command: t.string },
  ),
  RemoveItem: onIncident('RemoveItem', { itemId: NonEmptyId }),
  RenameItem: onIncident('RenameItem', { itemId: NonEmptyId, title: t.string }),
  MoveItem: onIncident('MoveItem', { itemId: NonEmptyId, toSectionId: NonEmptyId }, { position: NonNegativeInt }),
  CheckItem: onIncident('CheckItem', { itemId: NonEmptyId }),
  UncheckItem: onIncident('UncheckItem', { itemId: NonEmptyId }),
  SkipItem: onIncident('SkipItem', { itemId: NonEmptyId }),
  RestoreItem: onIncident('RestoreItem', { itemId: NonEmptyId }),
  AssignItem: onIncident('AssignItem', { itemId: NonEmptyId, assigneeId: t.union([NonEmptyId, t.null]) }),
  SetItemDue: onIncident('SetItemDue', { itemId: NonEmptyId, dueAt: t.union([CommandTimestamp, t.null]) }),
  RunItemCommand: onIncident('RunItemCommand', { itemId: NonEmptyId }),
} as const
