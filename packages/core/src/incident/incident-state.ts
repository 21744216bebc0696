import type { Verbosity } from '../events/checklist-shape.js'
import { emptyDictionary, lookup, type Dictionary } from './dictionary.js'

export type ItemState = 'open' | 'checked' | 'skipped'

export interface ChecklistItem {
  readonly itemId: string
  readonly sectionId: string
  readonly title: string
  readonly state: ItemState
  readonly assigneeId: string | null
  readonly dueAt: string | null
  readonly command: string | null
  /** When the item was last checked; kept when it is unchecked again. */
  readonly lastCompletedAt: string | null
}

export interface ChecklistSection {
  readonly sectionId: string
  readonly title: string
  /** The order of the section's items. */
  readonly itemIds: readonly string[]
}

/**
 * What `decide` needs to know about one incident: the fold of its stream. Views for people are
 * built by the projections package; this state stays as small as the rules allow.
 */
export interface IncidentState {
  readonly status: 'none' | 'active' | 'ended'
  /** The stream version: the number of events folded. */
  readonly version: number
  readonly incidentId: string
  readonly teamId: string
  readonly name: string
  readonly channelName: string
  readonly channelId: string | null
  readonly commanderId: string
  readonly reporterId: string
  readonly playbookId: string | null
  readonly startedAt: string | null
  readonly endedAt: string | null
  readonly sections: readonly ChecklistSection[]
  readonly items: Dictionary<ChecklistItem>
  /** Ids ever used in this incident, so a removed item's id is never reused. */
  readonly usedIds: Dictionary<true>
  readonly metadata: Dictionary<string>
  readonly milestones: Dictionary<string>
  readonly lastStatusUpdateAt: string | null
  readonly lastReminderDueAt: string | null
  readonly statusUpdateIntervalMinutes: number
  readonly broadcastChannelIds: readonly string[]
  readonly verbosity: Verbosity
}

/** Minutes without a status update before the commander is reminded, unless a playbook says otherwise. */
export const DEFAULT_STATUS_UPDATE_INTERVAL_MINUTES = 30

export const initialIncidentState: IncidentState = {
  status: 'none',
  version: 0,
  incidentId: '',
  teamId: '',
  name: '',
  channelName: '',
  channelId: null,
  commanderId: '',
  reporterId: '',
  playbookId: null,
  startedAt: null,
  endedAt: null,
  sections: [],
  items: emptyDictionary(),
  usedIds: emptyDictionary(),
  metadata: emptyDictionary(),
  milestones: emptyDictionary(),
  lastStatusUpdateAt: null,
  lastReminderDueAt: null,
  statusUpdateIntervalMinutes: DEFAULT_STATUS_UPDATE_INTERVAL_MINUTES,
  broadcastChannelIds: [],
  verbosity: 'all',
}

/** The items of the checklist in display order: by section, then by position in the section. */
export const orderedItems = (state: IncidentState): ChecklistItem[] =>
  state.sections.flatMap((section) => section.itemIds.map((id) => lookup(state.items, id)).filter((i) => i !== undefined))
