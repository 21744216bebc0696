import * as t from 'io-ts'
import { CommandTimestamp, Id, IsoTimestamp, PositiveInt, withOptional } from './primitives.js'

/** An item of an incident's checklist, its due time read with `dueAt`: events and commands differ only there. */
const checklistItemCodec = (dueAt: t.Type<string, string, unknown>, name: string) =>
  withOptional({ itemId: Id, title: t.string }, { assigneeId: Id, dueAt, command: t.string }, name)

/** A checklist section holding items read with `item`. */
const checklistSectionCodec = <I extends t.Mixed>(item: I, name: string) =>
  t.exact(t.type({ sectionId: Id, title: t.string, items: t.array(item) }), name)

/** An item of an incident's checklist as `incident.started` carries it. */
export const ChecklistItemSpec = checklistItemCodec(IsoTimestamp, 'ChecklistItemSpec')
export type ChecklistItemSpec = t.TypeOf<typeof ChecklistItemSpec>

export const ChecklistSectionSpec = checklistSectionCodec(ChecklistItemSpec, 'ChecklistSectionSpec')
export type ChecklistSectionSpec = t.TypeOf<typeof ChecklistSectionSpec>

/**
 * A checklist section as `StartIncident` gives it: like `ChecklistSectionSpec`, but a due time must
 * name a day that exists, as every time in a command must (`CommandTimestamp`); the event's codec
 * keeps reading older logs' times as they were.
 */
export const CommandChecklistSectionSpec = checklistSectionCodec(
  checklistItemCodec(CommandTimestamp, 'CommandChecklistItemSpec'),
  'CommandChecklistSectionSpec',
)

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

export const PlaybookSectionSpec = checklistSectionCodec(PlaybookItemSpec, 'PlaybookSectionSpec')
export type PlaybookSectionSpec = t.TypeOf<typeof PlaybookSectionSpec>

/** How much the bot posts in an incident's channel: every change, key events, or DMs to assignees. */
export const Verbosity = t.keyof({ all: null, key: null, assignees: null }, 'Verbosity')
export type Verbosity = t.TypeOf<typeof Verbosity>
