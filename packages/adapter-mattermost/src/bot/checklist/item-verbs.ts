/**
 * The verbs that change one checklist item, the same for the slash command and the buttons: each
 * with its core command, the past tense of the reply and a button label.
 */
const ITEM_VERBS = {
  check: { command: 'CheckItem', past: 'Checked', label: 'Check' },
  uncheck: { command: 'UncheckItem', past: 'Unchecked', label: 'Uncheck' },
  skip: { command: 'SkipItem', past: 'Skipped', label: 'Skip' },
  restore: { command: 'RestoreItem', past: 'Restored', label: 'Restore' },
  remove: { command: 'RemoveItem', past: 'Removed', label: 'Remove' },
} as const

export type ItemVerb = keyof typeof ITEM_VERBS

/**
 * Whether a word names one of the item verbs.
 *
 * @example
 * isItemVerb('skip') // true
 */
export const isItemVerb = (word: string): word is ItemVerb => Object.hasOwn(ITEM_VERBS, word)

/** What a verb does and says. */
export const itemVerb = (verb: ItemVerb) => ITEM_VERBS[verb]
