import * as t from 'io-ts'
import { PlaybookSectionSpec } from '../events/checklist-shape.js'
import { playbookOptions } from '../events/playbook-events.js'
import { NonEmptyId, withOptional } from '../events/primitives.js'

/** Commands on playbooks, the checklist templates incidents start from. */
export const playbookCommandCodecs = {
  CreatePlaybook: withOptional(
    { type: t.literal('CreatePlaybook'), playbookId: NonEmptyId, teamId: NonEmptyId, title: t.string, checklists: t.array(PlaybookSectionSpec) },
    playbookOptions,
    'CreatePlaybook',
  ),
  UpdatePlaybook: withOptional(
    { type: t.literal('UpdatePlaybook'), playbookId: NonEmptyId, title: t.string, checklists: t.array(PlaybookSectionSpec) },
    playbookOptions,
    'UpdatePlaybook',
  ),
  ArchivePlaybook: t.exact(t.type({ type: t.literal('ArchivePlaybook'), playbookId: NonEmptyId }), 'ArchivePlaybook'),
} as const
