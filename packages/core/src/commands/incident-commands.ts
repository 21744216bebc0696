import * as t from 'io-ts'
import { onIncident } from './on-incident.js'
import { CommandChecklistSectionSpec, Verbosity } from '../events/checklist-shape.js'
import { CommandTimestamp, Minutes, NonEmptyId, withOptional } from '../events/primitives.js'

/** Commands on an incident as a whole. Who and when come from the context, not the command. */
export const incidentCommandCodecs = {
  StartIncident: withOptional(
    { type: t.literal('StartIncident'), incidentId: NonEmptyId, teamId: NonEmptyId, name: t.string },
    {
      channelName: t.string,
      commanderId: NonEmptyId,
      playbookId: NonEmptyId,
      description: t.string,
      severity: t.string,
      /** A checklist of its own; with a playbook, it comes after the playbook's sections. */
      checklists: t.array(CommandChecklistSectionSpec),
      statusUpdateIntervalMinutes: Minutes,
      broadcastChannelIds: t.array(NonEmptyId),
      verbosity: Verbosity,
      sourcePost: withOptional({ postId: NonEmptyId, channelId: NonEmptyId }, { message: t.string }),
    },
    'StartIncident',
  ),
  LinkChannel: onIncident('LinkChannel', { channelId: NonEmptyId, channelName: t.string }),
  RenameIncident: onIncident('RenameIncident', { name: t.string }),
  EndIncident: onIncident('EndIncident', {}),
  ReopenIncident: onIncident('ReopenIncident', {}),
  ChangeCommander: onIncident('ChangeCommander', { commanderId: NonEmptyId }),
  PostStatusUpdate: onIncident('PostStatusUpdate', { message: t.string }),
  RecordStatusReminder: onIncident('RecordStatusReminder', { dueAt: CommandTimestamp }),
  SetMetadata: onIncident('SetMetadata', { key: t.string, value: t.union([t.string, t.null]) }),
  AddNote: onIncident('AddNote', { text: t.string }, { postId: NonEmptyId }),
  SetMilestone: onIncident('SetMilestone', { milestone: t.string }, { at: CommandTimestamp }),
} as const
