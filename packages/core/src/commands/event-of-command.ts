import type { EventType } from '../events/catalogue.js'
import type { CommandType } from './command.js'

/**
 * The one event each command records when it succeeds. The command handler reads it to tell a
 * command repeated with its id from another command given the same id: the log keeps each event's
 * type and `commandId`, not the command itself.
 *
 * @example
 * EVENT_OF_COMMAND.CheckItem // 'checklist.item_checked'
 */
export const EVENT_OF_COMMAND: { readonly [K in CommandType]: EventType } = {
  StartIncident: 'incident.started',
  LinkChannel: 'incident.channel_linked',
  RenameIncident: 'incident.renamed',
  EndIncident: 'incident.ended',
  ReopenIncident: 'incident.reopened',
  ChangeCommander: 'incident.commander_changed',
  PostStatusUpdate: 'incident.status_updated',
  RecordStatusReminder: 'incident.status_reminder_sent',
  SetMetadata: 'incident.metadata_set',
  AddNote: 'incident.note_added',
  SetMilestone: 'incident.milestone_set',
  AddSection: 'checklist.section_added',
  RenameSection: 'checklist.section_renamed',
  RemoveSection: 'checklist.section_removed',
  AddItem: 'checklist.item_added',
  RemoveItem: 'checklist.item_removed',
  RenameItem: 'checklist.item_renamed',
  MoveItem: 'checklist.item_moved',
  CheckItem: 'checklist.item_checked',
  UncheckItem: 'checklist.item_unchecked',
  SkipItem: 'checklist.item_skipped',
  RestoreItem: 'checklist.item_restored',
  AssignItem: 'checklist.item_assigned',
  SetItemDue: 'checklist.item_due_set',
  RunItemCommand: 'checklist.item_command_run',
  CreatePlaybook: 'playbook.created',
  UpdatePlaybook: 'playbook.updated',
  ArchivePlaybook: 'playbook.archived',
}
