import type { ChecklistSectionSpec } from '../events/checklist-shape.js'

/**
 * The first section or item id that a checklist uses twice, or `undefined`. Sections and items
 * share one id space in an incident (`usedIds`), so an item may not reuse a section's id either.
 * `decide` refuses such a checklist; a log's checks use it to refuse an `incident.started` that
 * carries one, which every view would otherwise list twice.
 *
 * @example
 * repeatedChecklistId([{ sectionId: 's', title: 'S', items: [{ itemId: 'a', title: 'A' }, { itemId: 'a', title: 'B' }] }]) // 'a'
 */
export const repeatedChecklistId = (sections: readonly ChecklistSectionSpec[]): string | undefined => {
  const seen = new Set<string>()
  for (const id of sections.flatMap((s) => [s.sectionId, ...s.items.map((i) => i.itemId)])) {
    if (seen.has(id)) return id
    seen.add(id)
  }
  return undefined
}
