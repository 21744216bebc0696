import * as t from 'io-ts'
import { CommandPlaybookSectionSpec } from '../events/checklist-shape.js'
import { playbookOptions } from '../events/playbook-events.js'
import { NonEmptyId, withOptional } from '../events/primitives.js'

/** A playbook's settings as its commands give them: the events' options, naming no empty channel. */
const commandPlaybookOptions = { ...playbookOptions, broadcastChannelIds: t.array(NonEmptyId) }

/** Commands on playbooks, the checklist templates incidents start from. */
export const playbookCommandCodecs = {
  CreatePlaybook: withOptional(
    { type: t.literal('CreatePlaybook'), playbookId: NonEmptyId, teamId: NonEmptyId, title: t.string, checklists: t.array(CommandPlaybookSectionSpec) },
    commandPlaybookOptions,
    'CreatePlaybook',
  ),
  UpdatePlaybook: withOptional(
    { type: t.literal('UpdatePlaybook'), playbookId: NonEmptyId, title: t.string, checklists: t.array(CommandPlaybookSectionSpec) },
    commandPlaybookOptions,
    'UpdatePlaybook',
  ),
  ArchivePlaybook: t.exact(t.type({ type: t.literal('ArchivePlaybook'), playbookId: NonEmptyId }), 'ArchivePlaybook'),
} as const
