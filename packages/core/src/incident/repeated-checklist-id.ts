/** The ids of a checklist's sections and of their items; a playbook's checklist has the same ids. */
interface ChecklistIds {
  readonly sectionId: string
  readonly items: readonly { readonly itemId: string }[]
}

/**
 * Every section and item id of a checklist, in order. Sections and items share one id space in an
 * incident (`usedIds`), so the list mixes both.
 *
 * @example
 * checklistIds([{ sectionId: 's', items: [{ itemId: 'a' }] }]) // ['s', 'a']
 */
export const checklistIds = (sections: readonly ChecklistIds[]): string[] =>
  sections.flatMap((s) => [s.sectionId, ...s.items.map((i) => i.itemId)])

/**
 * The first of a checklist's ids (`checklistIds`) that is listed twice, or `undefined`: an item may
 * not reuse a section's id either. `decide` refuses such a checklist; a log's checks use it to refuse
 * an `incident.started` that carries one, which every view would otherwise list twice.
 *
 * @example
 * repeatedChecklistId(checklistIds([{ sectionId: 's', items: [{ itemId: 'a' }, { itemId: 'a' }] }])) // 'a'
 */
export const repeatedChecklistId = (ids: readonly string[]): string | undefined => {
  const seen = new Set<string>()
  for (const id of ids) {
    if (seen.has(id)) return id
    seen.add(id)
  }
  return undefined
}
