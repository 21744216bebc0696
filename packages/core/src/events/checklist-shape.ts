import * as t from 'io-ts'
import { Id, IsoTimestamp, PositiveInt, withOptional } from './primitives.js'

/** An item of an incident's checklist as `incident.started` carries it. */
export const ChecklistItemSpec = withOptional(
  { itemId: Id, title: t.string },
  { assigneeId: Id, dueAt: IsoTimestamp, command: t.string },
  'ChecklistItemSpec',
)
export type ChecklistItemSpec = t.TypeOf<typeof ChecklistItemSpec>

export const ChecklistSectionSpec = t.exact(
  t.type({ sectionId: Id, title: t.string, items: t.array(ChecklistItemSpec) }),
  'ChecklistSectionSpec',
)
export type ChecklistSectionSpec = t.TypeOf<typeof ChecklistSectionSpec>

/**
 * An item of a playbook's checklist. Due dates are offsets from the incident's start, because a
 * playbook is a template: `dueAfterMinutes: 30` becomes `dueAt = startedAt + 30 min`.
 */
export const PlaybookItemSpec = withOptional(
  { itemId: Id, title: t.string },
  { assigneeId: Id, dueAfterMinutes: PositiveInt, command: t.string, description: t.string },
  'PlaybookItemSpec',
)
export type PlaybookItemSpec = t.TypeOf<typeof PlaybookItemSpec>

export const PlaybookSectionSpec = t.exact(
  t.type({ sectionId: Id, title: t.string, items: t.array(PlaybookItemSpec) }),
  'PlaybookSectionSpec',
)
export type PlaybookSectionSpec = t.TypeOf<typeof PlaybookSectionSpec>

/** How much the bot posts in an incident's channel: every change, key events, or DMs to assignees. */
export const Verbosity = t.keyof({ all: null, key: null, assignees: null }, 'Verbosity')
export type Verbosity = t.TypeOf<typeof Verbosity>
