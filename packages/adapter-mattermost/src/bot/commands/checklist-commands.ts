import * as E from 'fp-ts/lib/Either.js'
import { orderedItems, type Command, type IncidentState } from '@incident-kit/core'
import { formatTimestamp } from '@incident-kit/projections'
import type { CommandResponse } from '../../client/index.js'
import { isItemVerb, itemVerb, type ItemVerb } from '../checklist/item-verbs.js'
import { resolveItem } from '../checklist/resolve-item.js'
import { actionButton } from '../render/checklist-buttons.js'
import { actionUrl, type BotDeps } from '../runtime/bot-deps.js'
import { matchByTitle } from '../slash/match-by-title.js'
import type { DueSpec } from '../slash/slash-command.js'
import { replyTo, send, type Invocation } from './invocation.js'
import { ephemeral, warning } from './replies.js'
import { textLimitProblem } from './text-limits.js'

/**
 * A checklist command on one item, by id (buttons, or a resolved reference).
 *
 * @example
 * itemCommand('check', incidentId, itemId) // { type: 'CheckItem', incidentId, itemId }
 */
export const itemCommand = (verb: ItemVerb, incidentId: string, itemId: string): Command => ({ type: itemVerb(verb).command, incidentId, itemId })

/**
 * Resolves `<item>` against the current checklist; several matches become buttons that perform the
 * verb on the one the caller picks.
 *
 * @example
 * await withItem(deps, invocation, state, 'roll back', 'check', async (itemId) => replyTo(await send(deps, invocation, itemCommand('check', id, itemId)), 'Done.'))
 */
const withItem = async (
  deps: BotDeps,
  invocation: Invocation,
  state: IncidentState,
  reference: string,
  verb: string,
  run: (itemId: string, title: string) => Promise<CommandResponse>,
): Promise<CommandResponse> => {
  const match = resolveItem(orderedItems(state), reference)
  if (match.kind === 'none') return warning(match.message)
  if (match.kind === 'one') return run(match.item.itemId, match.item.title)
  if (!isItemVerb(verb) || state.channelId === null) {
    return warning(`"${reference}" matches ${match.candidates.map((c) => `${c.number}. ${c.item.title}`).join(', ')}: use the item's number`)
  }
  const target = { actionUrl: actionUrl(deps.settings), secret: deps.settings.signingSecret, incidentId: state.incidentId, channelId: state.channelId }
  const buttons = match.candidates.slice(0, 10).map((c) => actionButton(target, verb, c.item.itemId, c.number, `${c.number}. ${c.item.title}`.slice(0, 60)))
  return ephemeral(`"${reference}" matches ${match.candidates.length} items. Which one do you want to ${verb}?`, [{ actions: buttons }])
}

/**
 * `check|uncheck|skip|restore|remove <item>`.
 *
 * @example
 * await changeItem(deps, invocation, state, 'check', 'roll back')
 */
export const changeItem = (deps: BotDeps, invocation: Invocation, state: IncidentState, verb: ItemVerb, reference: string) =>
  withItem(deps, invocation, state, reference, verb, async (itemId, title) =>
    replyTo(await send(deps, invocation, itemCommand(verb, state.incidentId, itemId)), `${itemVerb(verb).past} **${title}**.`),
  )

/**
 * `assign <item> @user` (`null` clears the assignee).
 *
 * @example
 * await assignItem(deps, invocation, state, '3', bobId)
 */
export const assignItem = (deps: BotDeps, invocation: Invocation, state: IncidentState, reference: string, assigneeId: string | null) =>
  withItem(deps, invocation, state, reference, 'assign', async (itemId, title) =>
    replyTo(
      await send(deps, invocation, { type: 'AssignItem', incidentId: state.incidentId, itemId, assigneeId }),
      assigneeId === null ? `Unassigned **${title}**.` : `Assigned **${title}**.`,
    ),
  )

/**
 * `due <item> <when>`.
 *
 * @example
 * await setItemDue(deps, invocation, state, '2', { kind: 'in', minutes: 45 })
 */
export const setItemDue = (deps: BotDeps, invocation: Invocation, state: IncidentState, reference: string, due: DueSpec) =>
  withItem(deps, invocation, state, reference, 'due', async (itemId, title) => {
    const dueAt = due.kind === 'none' ? null : due.kind === 'at' ? due.at : new Date(Date.parse(deps.clock.now()) + due.minutes * 60_000).toISOString()
    return replyTo(await send(deps, invocation, { type: 'SetItemDue', incidentId: state.incidentId, itemId, dueAt }), dueAt === null ? `Cleared the due time of **${title}**.` : `**${title}** is due at ${formatTimestamp(dueAt)}.`)
  })

/**
 * `add [section] <text>`: into the named section (words of its title), else the last one.
 *
 * @example
 * await addItem(deps, invocation, state, 'Check the logs', 'triage')
 */
export const addItem = async (deps: BotDeps, invocation: Invocation, state: IncidentState, text: string, sectionRef?: string): Promise<CommandResponse> => {
  const sections = state.sections
  let sectionId = sections.at(-1)?.sectionId
  if (sectionRef !== undefined) {
    const found = matchByTitle(sections, (s) => s.title, sectionRef)
    if (found.kind === 'many') return warning(`"${sectionRef}" matches several sections: ${found.candidates.map((c) => c.value.title).join(', ')}`)
    if (found.kind === 'none') return warning(`no section matches "${sectionRef}"; sections: ${sections.map((s) => s.title).join(', ') || 'none'}`)
    sectionId = found.value.sectionId
  }
  const addTo = (section: string): Command => ({ type: 'AddItem', incidentId: state.incidentId, sectionId: section, title: text, itemId: `${invocation.deliveryKey}-item` })
  if (sectionId === undefined) {
    const newSectionId = `${invocation.deliveryKey}-section`
    // The item's text first: an item refused for its length must not leave an empty section behind.
    const tooLong = textLimitProblem(addTo(newSectionId))
    if (tooLong !== undefined) return replyTo(E.left(tooLong), '')
    const created = await send(deps, invocation, { type: 'AddSection', incidentId: state.incidentId, title: 'Checklist', sectionId: newSectionId }, 1)
    if (created._tag === 'Left') return replyTo(created, '')
    sectionId = newSectionId
  }
  return replyTo(await send(deps, invocation, addTo(sectionId)), `Added **${text}**.`)
}
