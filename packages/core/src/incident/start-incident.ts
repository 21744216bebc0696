import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { CommandOf } from '../commands/command.js'
import type { DecideContext } from '../decide-context.js'
import { domainEvent, type DomainEventOf } from '../events/catalogue.js'
import type { ChecklistItemSpec, ChecklistSectionSpec } from '../events/checklist-shape.js'
import { IsoTimestamp } from '../events/primitives.js'
import { incidentError, type IncidentError } from '../errors.js'
import { channelSlug, cutChannelSlug } from './channel-slug.js'
import { checkedChecklist, type ItemCheck } from './checked-checklist.js'
import { listedIds, requireCommandTime, requireId, requireIds, requireMinutes, requireText } from './incident-guards.js'
import { checklistIds, repeatedChecklistId } from './repeated-checklist-id.js'
import type { PlaybookState } from '../playbook/playbook-state.js'
import type { IncidentState } from './incident-state.js'

const MINUTE_MS = 60_000

const CHANNEL_NAME_LENGTH = 60

/**
 * A channel name suggestion from the incident's name (see `channelSlug`), at most 60 characters,
 * `incident` when nothing is left; the chat adapter applies its own rules.
 *
 * @example
 * channelNameFor('Crème brûlée outage') // 'creme-brulee-outage'
 */
export const channelNameFor = (name: string): string => cutChannelSlug(channelSlug(name), CHANNEL_NAME_LENGTH) || 'incident'

/** The time `minutes` after `now`, or `undefined` when that is no time the log can hold. */
const timeAfter = (now: string, minutes: number): string | undefined => {
  const date = new Date(Date.parse(now) + minutes * MINUTE_MS)
  if (Number.isNaN(date.getTime())) return undefined
  const iso = date.toISOString()
  return IsoTimestamp.is(iso) ? iso : undefined
}

/**
 * A playbook's checklist as an incident's: due offsets become dates counted from the start. A
 * playbook stored before offsets were bounded may hold one too large for a date; that is refused.
 */
const checklistFromPlaybook = (playbook: PlaybookState, now: string): E.Either<IncidentError, ChecklistSectionSpec[]> => {
  const sections: ChecklistSectionSpec[] = []
  for (const section of playbook.checklists) {
    const items: ChecklistItemSpec[] = []
    for (const { dueAfterMinutes, description: _description, ...item } of section.items) {
      const dueAt = dueAfterMinutes === undefined ? undefined : timeAfter(now, dueAfterMinutes)
      if (dueAfterMinutes !== undefined && dueAt === undefined) {
        const field = `playbook.${section.sectionId}.${item.itemId}.dueAfterMinutes`
        return E.left(incidentError('InvalidCommand', { field }, `${field} (${dueAfterMinutes}) gives a due date beyond any valid time`))
      }
      // Trimmed as titles are stored today: an older release stored a playbook's titles as typed.
      items.push({ ...item, title: item.title.trim(), ...(dueAt !== undefined ? { dueAt } : {}) })
    }
    sections.push({ sectionId: section.sectionId, title: section.title.trim(), items })
  }
  return E.right(sections)
}

/** An item's due time as `AddItem` takes it: on a day that exists, in the log's spelling. */
const startingItem: ItemCheck<ChecklistItemSpec> = (path, item) =>
  pipe(
    requireCommandTime(`${path}.dueAt`, item.dueAt),
    E.map((dueAt) => (dueAt === undefined ? item : { ...item, dueAt })),
  )

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
  const ids = requireIds([
    ['incidentId', command.incidentId],
    ['teamId', command.teamId],
    ['playbookId', command.playbookId],
    ...listedIds('broadcastChannelIds', command.broadcastChannelIds),
    ['sourcePost.postId', command.sourcePost?.postId],
    ['sourcePost.channelId', command.sourcePost?.channelId],
  ])
  if (E.isLeft(ids)) return ids
  if (state.status !== 'none') {
    return E.left(incidentError('IncidentAlreadyExists', { incidentId: command.incidentId }, `incident ${command.incidentId} exists`))
  }
  const nameOrError = requireText('name', command.name)
  if (E.isLeft(nameOrError)) return nameOrError
  const name = nameOrError.right
  const playbookOrError = usablePlaybook(command, context.playbook)
  if (E.isLeft(playbookOrError)) return playbookOrError
  const playbook = playbookOrError.right
  const fromPlaybook = playbook ? checklistFromPlaybook(playbook, context.now) : E.right([])
  if (E.isLeft(fromPlaybook)) return fromPlaybook
  // Only the command's own sections are checked, so a refusal names the field as the command has
  // it: the playbook's were checked when it was written (a playbook an older release let hold an
  // empty id still starts incidents, as it did then).
  const ownOrError = checkedChecklist(command.checklists ?? [], startingItem)
  if (E.isLeft(ownOrError)) return ownOrError
  const checklists = [...fromPlaybook.right, ...ownOrError.right]
  const commanderId = requireId('commanderId', command.commanderId ?? context.actorId)
  if (E.isLeft(commanderId)) return commanderId
  const duplicate = repeatedChecklistId(checklistIds(checklists))
  if (duplicate !== undefined) {
    return E.left(incidentError('InvalidCommand', { field: 'checklists' }, `checklist id ${duplicate} is used twice`))
  }
  const severity = command.severity ?? playbook?.defaultSeverity ?? undefined
  const interval = command.statusUpdateIntervalMinutes ?? playbook?.statusUpdateIntervalMinutes ?? undefined
  if (interval !== undefined) {
    const valid = requireMinutes('statusUpdateIntervalMinutes', interval)
    if (E.isLeft(valid)) return valid
  }
  const verbosity = command.verbosity ?? playbook?.verbosity ?? undefined
  // Copies, here and below: the event must share no array or object with the command, which the
  // caller still holds and may change (a store that keeps data as given would change with it).
  const broadcast = command.broadcastChannelIds
    ? [...command.broadcastChannelIds]
    : playbook?.broadcastChannelIds.length
      ? [...playbook.broadcastChannelIds]
      : undefined
  const sourcePost = command.sourcePost && {
    postId: command.sourcePost.postId,
    channelId: command.sourcePost.channelId,
    ...(command.sourcePost.message !== undefined ? { message: command.sourcePost.message } : {}),
  }
  return E.right([
    domainEvent('incident.started', {
      incidentId: command.incidentId,
      teamId: command.teamId,
      name,
      channelName: command.channelName?.trim() || channelNameFor(name),
      commanderId: commanderId.right,
      reporterId: context.actorId,
      checklists,
      ...(playbook ? { playbookId: playbook.playbookId } : {}),
      ...(command.description !== undefined ? { description: command.description } : {}),
      ...(severity !== undefined ? { severity } : {}),
      ...(interval !== undefined ? { statusUpdateIntervalMinutes: interval } : {}),
      ...(broadcast !== undefined ? { broadcastChannelIds: broadcast } : {}),
      ...(verbosity !== undefined ? { verbosity } : {}),
      ...(sourcePost !== undefined ? { sourcePost } : {}),
    }),
  ])
}
