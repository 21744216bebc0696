import * as E from 'fp-ts/lib/Either.js'
import type { CommandOf } from '../commands/command.js'
import type { DecideContext } from '../decide-context.js'
import { domainEvent, type DomainEventOf } from '../events/catalogue.js'
import type { ChecklistSectionSpec } from '../events/checklist-shape.js'
import { incidentError, type IncidentError } from '../errors.js'
import type { PlaybookState } from '../playbook/playbook-state.js'
import type { IncidentState } from './incident-state.js'

const MINUTE_MS = 60_000

/** A channel name suggestion from the incident's name; the chat adapter applies its own rules. */
export const channelNameFor = (name: string): string =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'incident'

/** A playbook's checklist as an incident's: due offsets become dates counted from the start. */
const checklistFromPlaybook = (playbook: PlaybookState, now: string): ChecklistSectionSpec[] =>
  playbook.checklists.map((section) => ({
    sectionId: section.sectionId,
    title: section.title,
    items: section.items.map(({ dueAfterMinutes, description: _description, ...item }) => ({
      ...item,
      ...(dueAfterMinutes !== undefined ? { dueAt: new Date(Date.parse(now) + dueAfterMinutes * MINUTE_MS).toISOString() } : {}),
    })) as ChecklistSectionSpec['items'],
  }))

const findDuplicateId = (sections: readonly ChecklistSectionSpec[]): string | undefined => {
  const seen = new Set<string>()
  for (const id of sections.flatMap((s) => [s.sectionId, ...s.items.map((i) => i.itemId)])) {
    if (seen.has(id)) return id
    seen.add(id)
  }
  return undefined
}

const usablePlaybook = (command: CommandOf<'StartIncident'>, playbook: PlaybookState | undefined) => {
  const playbookId = command.playbookId
  if (playbookId === undefined) return E.right(undefined)
  if (!playbook || playbook.status === 'none' || playbook.playbookId !== playbookId) {
    return E.left(incidentError('PlaybookNotFound', { playbookId }, `no playbook ${playbookId}`))
  }
  if (playbook.status === 'archived') {
    return E.left(incidentError('PlaybookArchived', { playbookId }, `playbook "${playbook.title}" is archived`))
  }
  if (playbook.teamId !== command.teamId) {
    return E.left(incidentError('PlaybookTeamMismatch', { playbookId }, `playbook "${playbook.title}" belongs to another team`))
  }
  return E.right(playbook)
}

/**
 * Starting an incident. The actor reports it and commands it unless another commander is named. A
 * playbook's checklist and defaults are copied into `incident.started`, so that the incident's log
 * tells the whole story without the playbook's stream.
 */
export const startIncident = (
  command: CommandOf<'StartIncident'>,
  state: IncidentState,
  context: DecideContext,
): E.Either<IncidentError, DomainEventOf<'incident.started'>[]> => {
  if (state.status !== 'none') {
    return E.left(incidentError('IncidentAlreadyExists', { incidentId: command.incidentId }, `incident ${command.incidentId} exists`))
  }
  const name = command.name.trim()
  if (name === '') return E.left(incidentError('InvalidCommand', { field: 'name' }, 'name must not be empty'))
  const playbookOrError = usablePlaybook(command, context.playbook)
  if (E.isLeft(playbookOrError)) return playbookOrError
  const playbook = playbookOrError.right
  const checklists = [...(playbook ? checklistFromPlaybook(playbook, context.now) : []), ...(command.checklists ?? [])]
  const duplicate = findDuplicateId(checklists)
  if (duplicate !== undefined) {
    return E.left(incidentError('InvalidCommand', { field: 'checklists' }, `checklist id ${duplicate} is used twice`))
  }
  const severity = command.severity ?? playbook?.defaultSeverity ?? undefined
  const interval = command.statusUpdateIntervalMinutes ?? playbook?.statusUpdateIntervalMinutes ?? undefined
  const verbosity = command.verbosity ?? playbook?.verbosity ?? undefined
  const broadcast = command.broadcastChannelIds ?? (playbook?.broadcastChannelIds.length ? [...playbook.broadcastChannelIds] : undefined)
  return E.right([
    domainEvent('incident.started', {
      incidentId: command.incidentId,
      teamId: command.teamId,
      name,
      channelName: command.channelName?.trim() || channelNameFor(name),
      commanderId: command.commanderId ?? context.actorId,
      reporterId: context.actorId,
      checklists,
      ...(playbook ? { playbookId: playbook.playbookId } : {}),
      ...(command.description !== undefined ? { description: command.description } : {}),
      ...(severity !== undefined ? { severity } : {}),
      ...(interval !== undefined ? { statusUpdateIntervalMinutes: interval } : {}),
      ...(broadcast !== undefined ? { broadcastChannelIds: broadcast } : {}),
      ...(verbosity !== undefined ? { verbosity } : {}),
      ...(command.sourcePost !== undefined ? { sourcePost: command.sourcePost } : {}),
    }),
  ])
}
