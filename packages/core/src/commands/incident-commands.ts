import * as t from 'io-ts'
import { onIncident } from './on-incident.js'
import { ChecklistSectionSpec, Verbosity } from '../events/checklist-shape.js'
import { Id, IsoTimestamp, PositiveInt, withOptional } from '../events/primitives.js'

/** Commands on an incident as a whole. Who and when come from the context, not the command. */
export const incidentCommandCodecs = {
  StartIncident: withOptional(
    { type: t.literal('StartIncident'), incidentId: Id, teamId: Id, name: t.string },
    {
      channelName: t.string,
      commanderId: Id,
      playbookId: Id,
      description: t.string,
      severity: t.string,
      /** A checklist of its own; with a playbook, it comes after the playbook's sections. */
      checklists: t.array(ChecklistSectionSpec),
      statusUpdateIntervalMinutes: PositiveInt,
      broadcastChannelIds: t.array(Id),
      verbosity: Verbosity,
      sourcePost: withOptional({ postId: Id, channelId: Id }, { message: t.string }),
    },
    'StartIncident',
  ),
  LinkChannel: onIncident('LinkChannel', { channelId: Id, channelName: t.string }),
  RenameIncident: onIncident('RenameIncident', { name: t.string }),
  EndIncident: onIncident('EndIncident', {}),
  ReopenIncident: onIncident('ReopenIncident', {}),
  ChangeCommander: onIncident('ChangeCommander', { commanderId: Id }),
  PostStatusUpdate: onIncident('PostStatusUpdate', { message: t.string }),
  RecordStatusReminder: onIncident('RecordStatusReminder', { dueAt: IsoTimestamp }),
  SetMetadata: onIncident('SetMetadata', { key: t.string, value: t.union([t.string, t.null]) }),
  AddNote: onIncident('AddNote', { text: t.string }, { postId: Id }),
  SetMilestone: onIncident('SetMilestone', { milestone: t.string }, { at: IsoTimestamp }),
} as const
