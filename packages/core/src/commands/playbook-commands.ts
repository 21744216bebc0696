import * as t from 'io-ts'
import { PlaybookSectionSpec, Verbosity } from '../events/checklist-shape.js'
import { Id, PositiveInt, withOptional } from '../events/primitives.js'

const playbookOptions = {
  description: t.string,
  defaultSeverity: t.string,
  statusUpdateIntervalMinutes: PositiveInt,
  broadcastChannelIds: t.array(Id),
  verbosity: Verbosity,
}

/** Commands on playbooks, the checklist templates incidents start from. */
export const playbookCommandCodecs = {
  CreatePlaybook: withOptional(
    { type: t.literal('CreatePlaybook'), playbookId: Id, teamId: Id, title: t.string, checklists: t.array(PlaybookSectionSpec) },
    playbookOptions,
    'CreatePlaybook',
  ),
  UpdatePlaybook: withOptional(
    { type: t.literal('UpdatePlaybook'), playbookId: Id, title: t.string, checklists: t.array(PlaybookSectionSpec) },
    playbookOptions,
    'UpdatePlaybook',
  ),
  ArchivePlaybook: t.exact(t.type({ type: t.literal('ArchivePlaybook'), playbookId: Id }), 'ArchivePlaybook'),
} as const
