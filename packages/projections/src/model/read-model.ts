import { emptyDictionary, type ItemState, type LogPosition } from '@incident-kit/core'

/**
 * The read model every view is computed from: one plain, JSON-serialisable object (no `Map`, no
 * class), so a `ProjectionStateStore` can keep it as it is. Records keep what happened, not only
 * the latest state, because the views explain an incident after the fact. Readonly by type, not
 * frozen at run time (see `runBatch`): never mutate it or what views return.
 */
export interface IncidentReadModel {
  readonly incidents: Readonly<Record<string, IncidentRecord>>
  readonly playbooks: Readonly<Record<string, PlaybookRecord>>
  readonly skipped: SkippedEvents
}

/** Events the model did not apply, counted by reason; never a reason to stop. */
export interface SkippedEvents {
  /** A type this code does not know (written by a newer release). */
  readonly unknownType: number
  /** A known type with a schema version newer than this code reads. */
  readonly newerSchema: number
  /** An envelope or data that does not decode: a corrupt record. */
  readonly invalid: number
  /** The decode messages of the last few skipped events, newest last (at most `MAX_SKIP_MESSAGES`). */
  readonly lastMessages: readonly string[]
}

export const MAX_SKIP_MESSAGES = 10

export interface IncidentRecord {
  readonly incidentId: string
  readonly teamId: string
  readonly name: string
  readonly status: 'active' | 'ended'
  readonly channelId: string | null
  readonly channelName: string
  readonly commanderId: string
  readonly reporterId: string
  readonly playbookId: string | null
  /** `occurredAt` of `incident.started`. */
  readonly startedAt: string
  /** `occurredAt` of the last `incident.ended`; `null` while active (a reopen clears it). */
  readonly endedAt: string | null
  /** How often the commander is reminded to post a status update. */
  readonly statusUpdateIntervalMinutes: number
  /** The due time of the last status reminder sent; `null` before the first. */
  readonly lastReminderDueAt: string | null
  /** Custom fields plus `severity` and `description` (as the core keeps them). */
  readonly metadata: Readonly<Record<string, string>>
  readonly sections: readonly SectionRecord[]
  /** Every item the incident ever had, removed ones included (`removedAt` set). */
  readonly items: Readonly<Record<string, ItemRecord>>
  readonly statusUpdates: readonly StatusUpdateRecord[]
  /** The first term starts with the incident; each `incident.commander_changed` adds one. */
  readonly commanderHistory: readonly CommanderTerm[]
  /** The latest value of each milestone, in the order they were first set. */
  readonly milestones: readonly MilestoneRecord[]
  /** Every event of the incident's stream, in log order. */
  readonly timeline: readonly TimelineRecord[]
}

export interface SectionRecord {
  readonly sectionId: string
  readonly title: string
  readonly itemIds: readonly string[]
}

export interface ItemRecord {
  readonly itemId: string
  readonly sectionId: string
  readonly title: string
  readonly state: ItemState
  readonly assigneeId: string | null
  readonly dueAt: string | null
  readonly command: string | null
  readonly addedAt: string
  readonly addedBy: string
  /**
   * The item's last change of any kind (renamed, moved, assigned, due date set, checked, ...).
   * Running its slash command is not a change of the item (the timeline records it).
   */
  readonly lastChangedAt: string
  readonly lastChangedBy: string
  readonly firstCompletedAt: string | null
  /** When it was last checked; kept when it is unchecked again. */
  readonly lastCompletedAt: string | null
  readonly timesChecked: number
  readonly timesUnchecked: number
  readonly timesSkipped: number
  /**
   * When it was last skipped, while it is skipped; `null` otherwise. Kept apart from
   * `lastChangedAt` because a skipped item can still be renamed, moved, assigned or given a due date.
   */
  readonly skippedAt: string | null
  readonly removedAt: string | null
}

export interface StatusUpdateRecord {
  readonly at: string
  readonly recordedAt: string
  readonly authorId: string
  readonly message: string
  readonly broadcastChannelIds: readonly string[]
}

export interface CommanderTerm {
  readonly commanderId: string
  readonly since: string
  /** Who made the change (for the first term: who started the incident). */
  readonly changedBy: string
}

export interface MilestoneRecord {
  readonly milestone: string
  /** When it happened, as said (may be earlier than when it was recorded). */
  readonly at: string
  /** `occurredAt` of the `incident.milestone_set` that set it. */
  readonly setAt: string
  readonly setBy: string
}

/**
 * One event as the timeline keeps it: the envelope fields a reader needs and the event's data.
 * Titles as they were at each event are derived by the timeline view (`titlesOverTime`).
 */
export interface TimelineRecord {
  readonly position: LogPosition
  readonly type: string
  readonly occurredAt: string
  readonly recordedAt: string
  readonly actorId: string
  readonly data: unknown
}

export interface PlaybookRecord {
  readonly playbookId: string
  readonly teamId: string
  readonly title: string
  readonly archived: boolean
  /**
   * Each distinct checklist it has had (created, then each update that changed its sections or
   * items), oldest first, as section and item ids. An incident started from it copied one of them
   * at the head of its checklist; which one is told by matching, not by the order of the events,
   * because a report may fold the playbook's stream after the incident's.
   */
  readonly checklistVersions: readonly (readonly SectionShape[])[]
}

/** A section of a playbook's checklist as its ids: enough to recognise it at the head of an incident's. */
export interface SectionShape {
  readonly sectionId: string
  readonly itemIds: readonly string[]
}

/** The model before any event. */
export const emptyReadModel: IncidentReadModel = {
  incidents: emptyDictionary(),
  playbooks: emptyDictionary(),
  skipped: { unknownType: 0, newerSchema: 0, invalid: 0, lastMessages: [] },
}
