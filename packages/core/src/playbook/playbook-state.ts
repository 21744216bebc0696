import type { PlaybookSectionSpec, Verbosity } from '../events/checklist-shape.js'

/** A playbook: a checklist template and the defaults incidents started from it take. */
export interface PlaybookState {
  readonly status: 'none' | 'active' | 'archived'
  readonly version: number
  readonly playbookId: string
  readonly teamId: string
  readonly title: string
  readonly description: string | null
  readonly defaultSeverity: string | null
  readonly checklists: readonly PlaybookSectionSpec[]
  readonly statusUpdateIntervalMinutes: number | null
  readonly broadcastChannelIds: readonly string[]
  readonly verbosity: Verbosity | null
}

export const initialPlaybookState: PlaybookState = {
  status: 'none',
  version: 0,
  playbookId: '',
  teamId: '',
  title: '',
  description: null,
  defaultSeverity: null,
  checklists: [],
  statusUpdateIntervalMinutes: null,
  broadcastChannelIds: [],
  verbosity: null,
}
