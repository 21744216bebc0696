import * as t from 'io-ts'
import { Id, IsoTimestamp, NonNegativeInt, withOptional } from './primitives.js'

const itemRef = t.exact(t.type({ itemId: Id }))

/** The data of each `checklist.*` event (they live in the incident's stream), schema version 1. */
export const checklistEventData = {
  'checklist.section_added': t.exact(t.type({ sectionId: Id, title: t.string, position: NonNegativeInt })),
  'checklist.section_renamed': t.exact(t.type({ sectionId: Id, title: t.string })),
  /** Removing a section removes the items it still holds. */
  'checklist.section_removed': t.exact(t.type({ sectionId: Id })),
  'checklist.item_added': withOptional(
    { sectionId: Id, itemId: Id, title: t.string, position: NonNegativeInt },
    { assigneeId: Id, dueAt: IsoTimestamp, command: t.string },
  ),
  'checklist.item_removed': itemRef,
  'checklist.item_renamed': t.exact(t.type({ itemId: Id, title: t.string })),
  'checklist.item_moved': t.exact(t.type({ itemId: Id, toSectionId: Id, position: NonNegativeInt })),
  'checklist.item_checked': itemRef,
  'checklist.item_unchecked': itemRef,
  'checklist.item_skipped': itemRef,
  'checklist.item_restored': itemRef,
  'checklist.item_assigned': t.exact(t.type({ itemId: Id, assigneeId: t.union([Id, t.null]) })),
  'checklist.item_due_set': t.exact(t.type({ itemId: Id, dueAt: t.union([IsoTimestamp, t.null]) })),
  'checklist.item_command_run': t.exact(t.type({ itemId: Id, command: t.string })),
} as const
