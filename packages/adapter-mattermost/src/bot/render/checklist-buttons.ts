import type { ItemState } from '@incident-kit/core'
import type { PostAction } from '../../client/index.js'
import { isItemVerb, itemVerb, type ItemVerb } from '../checklist/item-verbs.js'
import { signContext, type ActionContext } from '../security/signed-context.js'

/** The checklist actions a button can carry: the item verbs, and taking the item oneself. */
type ItemAction = ItemVerb | 'assignme'

const labelOf = (action: string) => (action === 'assignme' ? 'Assign to me' : isItemVerb(action) ? itemVerb(action).label : action)

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
    name: label ?? labelOf(action),
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
