import * as t from 'io-ts'
import { ChecklistSectionSpec, Verbosity } from './checklist-shape.js'
import { Id, IsoTimestamp, NonNegativeInt, withOptional } from './primitives.js'

/**
 * The data of each `incident.*` event, schema version 1. These shapes are the public log format:
 * never change one in place; add a new schema version and an upcaster (see `upcasters.ts`).
 */
export const incidentEventData = {
  'incident.started': withOptional(
    {
      incidentId: Id,
      teamId: Id,
      name: t.string,
      channelName: t.string,
      commanderId: Id,
      reporterId: Id,
      checklists: t.array(ChecklistSectionSpec),
    },
    {
      playbookId: Id,
      description: t.string,
      severity: t.string,
      /** Minutes without a status update before the commander is reminded (from the playbook). */
      statusUpdateIntervalMinutes: NonNegativeInt,
      /** Channels that receive a copy of every status update (from the playbook). */
      broadcastChannelIds: t.array(Id),
      verbosity: Verbosity,
      /** The post an incident was started from (a reaction on any post): quoted and linked. */
      sourcePost: withOptional({ postId: Id, channelId: Id }, { message: t.string }),
    },
  ),
  'incident.channel_linked': t.exact(t.type({ channelId: Id, channelName: t.string })),
  'incident.renamed': t.exact(t.type({ name: t.string })),
  'incident.ended': t.exact(t.type({})),
  'incident.reopened': t.exact(t.type({})),
  'incident.commander_changed': t.exact(t.type({ from: Id, to: Id })),
  'incident.status_updated': withOptional({ message: t.string }, { broadcastChannelIds: t.array(Id) }),
  'incident.status_reminder_sent': t.exact(t.type({ dueAt: IsoTimestamp })),
  'incident.metadata_set': t.exact(t.type({ key: t.string, value: t.union([t.string, t.null]) })),
  'incident.note_added': withOptional({ text: t.string }, { postId: Id }),
  'incident.milestone_set': t.exact(t.type({ milestone: t.string, at: IsoTimestamp })),
} as const
