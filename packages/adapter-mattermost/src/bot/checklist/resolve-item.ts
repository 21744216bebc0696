import type { ChecklistItem } from '@incident-kit/core'
import { matchByTitle } from '../slash/match-by-title.js'

/** What an `<item>` reference matched: one item, several (offer them as buttons), or none. */
export type ItemMatch =
  | { readonly kind: 'one'; readonly item: ChecklistItem; readonly number: number }
  | { readonly kind: 'many'; readonly candidates: readonly { readonly item: ChecklistItem; readonly number: number }[] }
  | { readonly kind: 'none'; readonly message: string }

/**
 * Resolves an item reference against the checklist in display order, by `matchByTitle`'s rule: `3`
 * or `#3` is the third item, otherwise words that start words of the title; an exact title wins.
 *
 * @example
 * resolveItem(orderedItems(state), 'rollback')
 * // { kind: 'one', item, number: 4 } or { kind: 'many', candidates } or { kind: 'none', message }
 */
export const resolveItem = (items: readonly ChecklistItem[], reference: string): ItemMatch => {
  const match = matchByTitle(items, (item) => item.title, reference)
  switch (match.kind) {
    case 'one':
      return { kind: 'one', item: match.value, number: match.number }
    case 'many':
      return { kind: 'many', candidates: match.candidates.map(({ value, number }) => ({ item: value, number })) }
    case 'none':
      if (match.reason === 'no such number') return { kind: 'none', message: `there is no item ${match.number}: the checklist has ${items.length}` }
      if (match.reason === 'empty') return { kind: 'none', message: 'name an item by its number or words of its title' }
      return { kind: 'none', message: `no item matches "${reference.trim()}"; \`info\` lists the checklist with numbers` }
  }
}
