import * as t from 'io-ts'
import { PlaybookSectionSpec, Verbosity } from './checklist-shape.js'
import { Id, NonNegativeInt, withOptional } from './primitives.js'

const playbookContent = {
  title: t.string,
  checklists: t.array(PlaybookSectionSpec),
}
/** The optional settings of a playbook, shared by its events and commands. */
export const playbookOptions = {
  description: t.string,
  defaultSeverity: t.string,
  statusUpdateIntervalMinutes: NonNegativeInt,
  broadcastChannelIds: t.array(Id),
  verbosity: Verbosity,
}

/** The data of each `playbook.*` event (stream `playbook-<id>`), schema version 1. */
export const playbookEventData = {
  'playbook.created': withOptional({ playbookId: Id, teamId: Id, ...playbookContent }, playbookOptions),
  /** Replaces the playbook's content as a whole; incidents already started keep their copy. */
  'playbook.updated': withOptional(playbookContent, playbookOptions),
  'playbook.archived': t.exact(t.type({})),
} as const
