import type { ItemState } from '@incident-kit/core'
import type { PostAction } from '../../client/index.js'
import { signContext, type ActionContext } from '../security/signed-context.js'

/** The checklist actions a button can carry; each maps to one core command. */
export const ITEM_ACTIONS = ['check', 'uncheck', 'skip', 'restore', 'remove', 'assignme'] as const
export type ItemAction = (typeof ITEM_ACTIONS)[number]

/**
 * Whether a context's action is one of the checklist actions.
 *
 * @example
 * isItemAction('check') // true
 */
export const isItemAction = (value: string): value is ItemAction => (ITEM_ACTIONS as readonly string[]).includes(value)

const LABELS: Record<ItemAction, string> = {
  check: 'Check',
  uncheck: 'Uncheck',
  skip: 'Skip',
  restore: 'Restore',
  remove: 'Remove',
  assignme: 'Assign to me',
}

/** Where the bot receives clicks, and the key that signs them. */
export interface ButtonTarget {
  readonly actionUrl: string
  readonly secret: string
  readonly incidentId: string
  readonly channelId: string
}

/**
 * A button whose click comes back to the bot with a signed context bound to the incident, the
 * channel and the item. Action ids are letters and digits only, as Mattermost's route requires.
 *
 * @example
 * actionButton(target, 'check', 'item-1', 3)
 */
export const actionButton = (target: ButtonTarget, action: string, itemId: string | undefined, index: number, label?: string): PostAction => {
  const context: ActionContext = {
    action,
    incidentId: target.incidentId,
    channelId: target.channelId,
    ...(itemId !== undefined ? { itemId } : {}),
  }
  return {
    id: `${action.replace(/[^A-Za-z0-9]/g, '')}${index}`,
    type: 'button',
    name: label ?? (isItemAction(action) ? LABELS[action] : action),
    style: action === 'check' ? 'primary' : 'default',
    integration: { url: target.actionUrl, context: { ...signContext(target.secret, context) } },
  }
}

/**
 * The buttons that make sense for an item in its state.
 *
 * @example
 * itemButtons(target, { itemId: 'x', state: 'open', assigneeId: null }, 1) // Check, Skip, Assign to me
 */
export const itemButtons = (target: ButtonTarget, item: { itemId: string; state: ItemState; assigneeId: string | null }, index: number): PostAction[] => {
  const actions: ItemAction[] =
    item.state === 'open' ? ['check', 'skip'] : item.state === 'checked' ? ['uncheck'] : ['restore']
  if (item.assigneeId === null && item.state === 'open') actions.push('assignme')
  return actions.map((action) => actionButton(target, action, item.itemId, index))
}
