import * as t from 'io-ts'
import { CommandTimestamp, Id, IsoTimestamp, NonEmptyId, NonNegativeInt, withOptional } from './primitives.js'

/*
 * Events and commands share these shapes and differ in what they read: events read any id and
 * any time an older release wrote (old logs stay readable), commands name no empty id (such an
 * item could never be addressed again) and only times on days that exist.
 */
type IdCodec = typeof Id | typeof NonEmptyId

/** An item of an incident's checklist, with ids read with `id` and its due time with `dueAt`. */
const checklistItemCodec = (id: IdCodec, dueAt: t.Type<string, string, unknown>, name: string) =>
  withOptional({ itemId: id, title: t.string }, { assigneeId: id, dueAt, command: t.string }, name)

/** A checklist section, its id read with `id`, holding items read with `item`. */
const checklistSectionCodec = <I extends t.Mixed>(id: IdCodec, item: I, name: string) =>
  t.exact(t.type({ sectionId: id, title: t.string, items: t.array(item) }), name)

/** An item of an incident's checklist as `incident.started` carries it. */
export const ChecklistItemSpec = checklistItemCodec(Id, IsoTimestamp, 'ChecklistItemSpec')
export type ChecklistItemSpec = t.TypeOf<typeof ChecklistItemSpec>

export const ChecklistSectionSpec = checklistSectionCodec(Id, ChecklistItemSpec, 'ChecklistSectionSpec')
export type ChecklistSectionSpec = t.TypeOf<typeof ChecklistSectionSpec>

/** A checklist section as `StartIncident` gives it: like `ChecklistSectionSpec`, read as a command. */
export const CommandChecklistSectionSpec = checklistSectionCodec(
  NonEmptyId,
  checklistItemCodec(NonEmptyId, CommandTimestamp, 'CommandChecklistItemSpec'),
  'CommandChecklistSectionSpec',
)

/**
 * An item of a playbook's checklist, with ids read with `id`. Due dates are offsets from the
 * incident's start, because a playbook is a template: `dueAfterMinutes: 30` becomes
 * `dueAt = startedAt + 30 min`.
 */
const playbookItemCodec = (id: IdCodec, name: string) =>
  withOptional(
    { itemId: id, title: t.string },
    { assigneeId: id, dueAfterMinutes: NonNegativeInt, command: t.string, description: t.string },
    name,
  )

export const PlaybookItemSpec = playbookItemCodec(Id, 'PlaybookItemSpec')
export type PlaybookItemSpec = t.TypeOf<typeof PlaybookItemSpec>

export const PlaybookSectionSpec = checklistSectionCodec(Id, PlaybookItemSpec, 'PlaybookSectionSpec')
export type PlaybookSectionSpec = t.TypeOf<typeof PlaybookSectionSpec>

/** A playbook's checklist section as `CreatePlaybook` and `UpdatePlaybook` give it: like `PlaybookSectionSpec`, read as a command. */
export const CommandPlaybookSectionSpec = checklistSectionCodec(
  NonEmptyId,
  playbookItemCodec(NonEmptyId, 'CommandPlaybookItemSpec'),
  'CommandPlaybookSectionSpec',
)

/** How much the bot posts in an incident's channel: every change, key events, or DMs to assignees. */
export const Verbosity = t.keyof({ all: null, key: null, assignees: null }, 'Verbosity')
export type Verbosity = t.TypeOf<typeof Verbosity>
