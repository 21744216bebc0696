import * as E from 'fp-ts/lib/Either.js'
import { CommandTimestamp, isMinutes, MAX_MINUTES } from '../events/primitives.js'
import { incidentError, type IncidentError } from '../errors.js'
import { blankTextProblem, isBlankText } from './blank-text.js'
import { lookup } from './dictionary.js'
import { normalisedTime } from './instants.js'
import type { ChecklistItem, ChecklistSection, IncidentState } from './incident-state.js'

/** The incident exists and has not ended: every change but reopen needs this. */
export const requireActive = (state: IncidentState, incidentId: string): E.Either<IncidentError, IncidentState> => {
  if (state.status === 'none') return E.left(incidentError('IncidentNotFound', { incidentId }, `no incident ${incidentId}`))
  if (state.status === 'ended') {
    return E.left(incidentError('IncidentEnded', { incidentId }, `incident "${state.name}" has ended; reopen it first`))
  }
  return E.right(state)
}

export const requireItem = (state: IncidentState, itemId: string): E.Either<IncidentError, ChecklistItem> => {
  const item = lookup(state.items, itemId)
  return item ? E.right(item) : E.left(incidentError('ItemNotFound', { itemId }, `no checklist item ${itemId} in this incident`))
}

export const requireSection = (state: IncidentState, sectionId: string): E.Either<IncidentError, ChecklistSection> => {
  const section = state.sections.find((s) => s.sectionId === sectionId)
  return section
    ? E.right(section)
    : E.left(incidentError('SectionNotFound', { sectionId }, `no checklist section ${sectionId} in this incident`))
}

/**
 * A required text field (a name, a title, a message): refused when it holds no visible character
 * (`isBlankText`: white space and invisible characters such as U+200B only), else trimmed of its
 * white space and otherwise kept as given.
 *
 * @example
 * requireText('title', ' Page the DBA ') // Right('Page the DBA')
 * requireText('title', '\u200B\u200B') // Left(InvalidCommand naming title)
 */
export const requireText = (field: string, value: string): E.Either<IncidentError, string> =>
  isBlankText(value) ? E.left(incidentError('InvalidCommand', { field }, blankTextProblem(field, value))) : E.right(value.trim())

/** A required id: ids are opaque, so any string but the empty one (which names nobody). */
export const requireId = (field: string, value: string): E.Either<IncidentError, string> =>
  value !== '' ? E.right(value) : E.left(incidentError('InvalidCommand', { field }, `${field} must not be empty`))

/**
 * Every id a command gives is not empty, as `decodeCommand` checks: the first empty one is refused,
 * naming its field as `decodeCommand` would (`broadcastChannelIds.1`, `sourcePost.postId`). An
 * absent id (`undefined`) has nothing to check. Only commands are checked: an event an older
 * release stored with an empty id still replays.
 *
 * @example
 * requireIds([['incidentId', 'i1'], ...listedIds('broadcastChannelIds', ['c1', ''])]) // Left(InvalidCommand naming broadcastChannelIds.1)
 */
export const requireIds = (ids: Iterable<readonly [field: string, id: string | undefined]>): E.Either<IncidentError, void> => {
  for (const [field, id] of ids) {
    if (id === undefined) continue
    const checked = requireId(field, id)
    if (E.isLeft(checked)) return checked
  }
  return E.right(undefined)
}

/** The ids of a list a command gives, each with its field (`broadcastChannelIds.0`), for `requireIds`. */
export const listedIds = (field: string, ids: readonly string[] | undefined): (readonly [string, string])[] =>
  (ids ?? []).map((id, index) => [`${field}.${index}`, id] as const)

/** The ids of a checklist a command gives, an incident's or a playbook's. */
interface ChecklistIds {
  readonly sectionId: string
  readonly items: readonly { readonly itemId: string; readonly assigneeId?: string }[]
}

/**
 * Every section, item and assignee id of a checklist a command gives is not empty, as
 * `decodeCommand` checks: an item with an empty id could never be addressed again.
 *
 * @example
 * requireChecklistIds([{ sectionId: 's', title: 'S', items: [{ itemId: '', title: 'A' }] }]) // Left(InvalidCommand naming checklists.0.items.0.itemId)
 */
export const requireChecklistIds = <S extends ChecklistIds>(sections: readonly S[]): E.Either<IncidentError, readonly S[]> => {
  const ids = sections.flatMap((section, s) => [
    [`checklists.${s}.sectionId`, section.sectionId] as const,
    ...section.items.flatMap((item, i) => [
      [`checklists.${s}.items.${i}.itemId`, item.itemId] as const,
      ...(item.assigneeId === undefined ? [] : [[`checklists.${s}.items.${i}.assigneeId`, item.assigneeId] as const]),
    ]),
  ])
  const empty = ids.map(([field, id]) => requireId(field, id)).find(E.isLeft)
  return empty ?? E.right(sections)
}

/** A number of minutes (a due offset, a reminder interval): a whole number up to ten years. */
export const requireMinutes = (field: string, value: number): E.Either<IncidentError, number> =>
  isMinutes(value) ? E.right(value) : E.left(incidentError('InvalidCommand', { field }, `${field} must be a whole number of minutes from 0 to ${MAX_MINUTES} (ten years), got ${value}`))

/**
 * A time a command gives, checked as `decodeCommand` checks it (`CommandTimestamp`) and spelled as
 * the log spells times: a typed command handed straight to the handler was never decoded, and
 * `Date` takes 2026-02-31 as 3 March. An absent time (`undefined`, or `null` that clears one) has
 * nothing to check.
 *
 * @example
 * requireCommandTime('dueAt', '2026-03-01T10:00Z') // Right('2026-03-01T10:00:00.000Z')
 * requireCommandTime('dueAt', '2026-02-31T10:00:00.000Z') // Left(InvalidCommand naming dueAt)
 */
export const requireCommandTime = <T extends string | null | undefined>(field: string, time: T): E.Either<IncidentError, T> => {
  if (time === undefined || time === null) return E.right(time)
  return CommandTimestamp.is(time)
    ? E.right(normalisedTime(time) as T)
    : E.left(incidentError('InvalidCommand', { field }, `${field} must be a UTC ISO-8601 time on a day that exists, before 24:00 (like 2026-03-01T09:00:00.000Z), got ${JSON.stringify(time)}`))
}

export const noChange = (message: string): E.Either<IncidentError, never> => E.left(incidentError('NoChange', {}, message))
