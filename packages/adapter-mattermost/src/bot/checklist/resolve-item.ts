import type { ChecklistItem } from '@incident-kit/core'

/** What an `<item>` reference matched: one item, several (offer them as buttons), or none. */
export type ItemMatch =
  | { readonly kind: 'one'; readonly item: ChecklistItem; readonly number: number }
  | { readonly kind: 'many'; readonly candidates: readonly { readonly item: ChecklistItem; readonly number: number }[] }
  | { readonly kind: 'none'; readonly message: string }

const normalise = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter((w) => w !== '')

/**
 * Resolves an item reference against the checklist in display order: `3` or `#3` is the third item;
 * otherwise every word must start a word of the title (`roll back` finds "Roll back the deploy").
 * An exact title wins over partial matches.
 *
 * @example
 * resolveItem(orderedItems(state), 'rollback')
 * // { kind: 'one', item, number: 4 } or { kind: 'many', candidates } or { kind: 'none', message }
 */
export const resolveItem = (items: readonly ChecklistItem[], reference: string): ItemMatch => {
  const ref = reference.trim()
  const numbered = items.map((item, index) => ({ item, number: index + 1 }))
  const byNumber = /^#?(\d+)$/.exec(ref)
  if (byNumber) {
    const found = numbered[Number(byNumber[1]) - 1]
    return found ? { kind: 'one', ...found } : { kind: 'none', message: `there is no item ${byNumber[1]}: the checklist has ${items.length}` }
  }
  const wanted = normalise(ref)
  if (wanted.length === 0) return { kind: 'none', message: 'name an item by its number or words of its title' }
  const exact = numbered.filter(({ item }) => normalise(item.title).join(' ') === wanted.join(' '))
  if (exact.length === 1) return { kind: 'one', ...exact[0]! }
  const matches = numbered.filter(({ item }) => {
    const titleWords = normalise(item.title)
    return wanted.every((w) => titleWords.some((t) => t.startsWith(w)))
  })
  if (matches.length === 1) return { kind: 'one', ...matches[0]! }
  if (matches.length > 1) return { kind: 'many', candidates: matches }
  return { kind: 'none', message: `no item matches "${ref}"; \`info\` lists the checklist with numbers` }
}
