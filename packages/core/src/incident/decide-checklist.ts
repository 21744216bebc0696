import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { ChecklistCommand } from '../commands/command.js'
import type { DecideContext } from '../decide-context.js'
import { domainEvent, type IncidentEvent } from '../events/catalogue.js'
import { incidentError, type IncidentError } from '../errors.js'
import { lookup } from './dictionary.js'
import { sameInstant } from './instants.js'
import { noChange, requireActive, requireCommandTime, requireId, requireItem, requireSection, requireText } from './incident-guards.js'
import type { ChecklistItem, IncidentState, ItemState } from './incident-state.js'

type Decision = E.Either<IncidentError, IncidentEvent[]>

const one = (event: IncidentEvent): Decision => E.right([event])

/** The id a new item or section gets: the one the command names (not empty), else a generated one; never one used before. */
const freshId = (state: IncidentState, requested: string | undefined, context: DecideContext, kind: 'item' | 'section') =>
  pipe(
    requested === undefined ? E.right(context.newId()) : requireId(`${kind}Id`, requested),
    E.chain((id) => {
      if (lookup(state.usedIds, id) === undefined) return E.right(id)
      return kind === 'item'
        ? E.left(incidentError('ItemAlreadyExists', { itemId: id }, `checklist item id ${id} is already used in this incident`))
        : E.left(incidentError('SectionAlreadyExists', { sectionId: id }, `section id ${id} is already used in this incident`))
    }),
  )

/** A state change of an item is allowed only from the states listed for it. */
const transition = (item: ChecklistItem, from: readonly ItemState[], event: IncidentEvent, verb: string): Decision =>
  from.includes(item.state)
    ? one(event)
    : E.left(incidentError('ItemStateConflict', { itemId: item.itemId, state: item.state }, `"${item.title}" is ${item.state}; cannot ${verb} it`))

const onItem = (state: IncidentState, itemId: string, then: (item: ChecklistItem) => Decision): Decision =>
  pipe(requireItem(state, itemId), E.chain(then))

/** Decides the commands on an incident's checklist. */
export const decideChecklist = (command: ChecklistCommand, state: IncidentState, context: DecideContext): Decision =>
  pipe(
    requireActive(state, command.incidentId),
    E.chain((): Decision => {
      switch (command.type) {
        case 'AddSection':
          return pipe(
            E.Do,
            E.bind('title', () => requireText('title', command.title)),
            E.bind('sectionId', () => freshId(state, command.sectionId, context, 'section')),
            E.map(({ title, sectionId }) => [
              domainEvent('checklist.section_added', { sectionId, title, position: Math.min(command.position ?? state.sections.length, state.sections.length) }),
            ]),
          )
        case 'RenameSection':
          return pipe(
            E.Do,
            E.bind('section', () => requireSection(state, command.sectionId)),
            E.bind('title', () => requireText('title', command.title)),
            E.chain(({ section, title }) =>
              section.title === title ? noChange(`the section is already named "${title}"`) : one(domainEvent('checklist.section_renamed', { sectionId: section.sectionId, title })),
            ),
          )
        case 'RemoveSection':
          return pipe(
            requireSection(state, command.sectionId),
            E.map((section) => [domainEvent('checklist.section_removed', { sectionId: section.sectionId })]),
          )
        case 'AddItem':
          return pipe(
            E.Do,
            E.bind('dueAt', () => requireCommandTime('dueAt', command.dueAt)),
            E.bind('section', () => requireSection(state, command.sectionId)),
            E.bind('title', () => requireText('title', command.title)),
            E.bind('itemId', () => freshId(state, command.itemId, context, 'item')),
            E.bind('assigneeId', () => (command.assigneeId === undefined ? E.right(undefined) : requireId('assigneeId', command.assigneeId))),
            E.map(({ dueAt, section, title, itemId, assigneeId }) => [
              domainEvent('checklist.item_added', {
                sectionId: section.sectionId,
                itemId,
                title,
                position: Math.min(command.position ?? section.itemIds.length, section.itemIds.length),
                ...(assigneeId !== undefined ? { assigneeId } : {}),
                ...(dueAt !== undefined ? { dueAt } : {}),
                ...(command.command !== undefined ? { command: command.command } : {}),
              }),
            ]),
          )
        case 'RemoveItem':
          return onItem(state, command.itemId, (item) => one(domainEvent('checklist.item_removed', { itemId: item.itemId })))
        case 'RenameItem':
          return onItem(state, command.itemId, (item) =>
            pipe(
              requireText('title', command.title),
              E.chain((title) => (title === item.title ? noChange(`the item is already named "${title}"`) : one(domainEvent('checklist.item_renamed', { itemId: item.itemId, title })))),
            ),
          )
        case 'MoveItem':
          return onItem(state, command.itemId, (item) =>
            pipe(
              requireSection(state, command.toSectionId),
              E.map((section) => {
                const others = section.itemIds.filter((id) => id !== item.itemId)
                const position = Math.min(command.position ?? others.length, others.length)
                return [domainEvent('checklist.item_moved', { itemId: item.itemId, toSectionId: section.sectionId, position })]
              }),
            ),
          )
        case 'CheckItem':
          return onItem(state, command.itemId, (item) => transition(item, ['open'], domainEvent('checklist.item_checked', { itemId: item.itemId }), 'check'))
        case 'UncheckItem':
          return onItem(state, command.itemId, (item) => transition(item, ['checked'], domainEvent('checklist.item_unchecked', { itemId: item.itemId }), 'uncheck'))
        case 'SkipItem':
          return onItem(state, command.itemId, (item) => transition(item, ['open', 'checked'], domainEvent('checklist.item_skipped', { itemId: item.itemId }), 'skip'))
        case 'RestoreItem':
          return onItem(state, command.itemId, (item) => transition(item, ['skipped'], domainEvent('checklist.item_restored', { itemId: item.itemId }), 'restore'))
        case 'AssignItem':
          return onItem(state, command.itemId, (item) =>
            pipe(
              command.assigneeId === null ? E.right<IncidentError, string | null>(null) : requireId('assigneeId', command.assigneeId),
              E.chain((assigneeId) =>
                item.assigneeId === assigneeId
                  ? noChange(assigneeId === null ? 'the item has no assignee' : 'the item is already assigned to that user')
                  : one(domainEvent('checklist.item_assigned', { itemId: item.itemId, assigneeId })),
              ),
            ),
          )
        case 'SetItemDue':
          return pipe(
            requireCommandTime('dueAt', command.dueAt),
            E.chain((dueAt) =>
              onItem(state, command.itemId, (item) =>
                sameInstant(item.dueAt, dueAt)
                  ? noChange('the item already has that due date')
                  : one(domainEvent('checklist.item_due_set', { itemId: item.itemId, dueAt })),
              ),
            ),
          )
        case 'RunItemCommand':
          return onItem(state, command.itemId, (item) =>
            item.command === null
              ? E.left(incidentError('InvalidCommand', { field: 'itemId' }, `"${item.title}" has no slash command to run`))
              : one(domainEvent('checklist.item_command_run', { itemId: item.itemId, command: item.command })),
          )
      }
    }),
  )
