import * as t from 'io-ts'
import { onIncident } from './on-incident.js'
import { Id, IsoTimestamp, PositiveInt } from '../events/primitives.js'

/** Commands on an incident's checklist. Items and sections are addressed by id, never position. */
export const checklistCommandCodecs = {
  AddSection: onIncident('AddSection', { title: t.string }, { sectionId: Id, position: PositiveInt }),
  RenameSection: onIncident('RenameSection', { sectionId: Id, title: t.string }),
  RemoveSection: onIncident('RemoveSection', { sectionId: Id }),
  AddItem: onIncident(
    'AddItem',
    { sectionId: Id, title: t.string },
    { itemId: Id, position: PositiveInt, assigneeId: Id, dueAt: IsoTimestamp, command: t.string },
  ),
  RemoveItem: onIncident('RemoveItem', { itemId: Id }),
  RenameItem: onIncident('RenameItem', { itemId: Id, title: t.string }),
  MoveItem: onIncident('MoveItem', { itemId: Id, toSectionId: Id }, { position: PositiveInt }),
  CheckItem: onIncident('CheckItem', { itemId: Id }),
  UncheckItem: onIncident('UncheckItem', { itemId: Id }),
  SkipItem: onIncident('SkipItem', { itemId: Id }),
  RestoreItem: onIncident('RestoreItem', { itemId: Id }),
  AssignItem: onIncident('AssignItem', { itemId: Id, assigneeId: t.union([Id, t.null]) }),
  SetItemDue: onIncident('SetItemDue', { itemId: Id, dueAt: t.union([IsoTimestamp, t.null]) }),
  RunItemCommand: onIncident('RunItemCommand', { itemId: Id }),
} as const
