import type { SectionShape } from './read-model.js'

/**
 * A checklist (a playbook's, or the one `incident.started` holds) as its section and item ids, in
 * fresh arrays the caller owns.
 *
 * @example
 * checklistShape([{ sectionId: 's', title: 'Steps', items: [{ itemId: 'a', title: 'Page' }] }]) // [{ sectionId: 's', itemIds: ['a'] }]
 */
export const checklistShape = (
  sections: readonly { readonly sectionId: string; readonly items: readonly { readonly itemId: string }[] }[],
): { sectionId: string; itemIds: string[] }[] =>
  sections.map((section) => ({ sectionId: section.sectionId, itemIds: section.items.map((item) => item.itemId) }))

const sameSection = (a: SectionShape, b: SectionShape | undefined) =>
  b !== undefined && a.sectionId === b.sectionId && a.itemIds.length === b.itemIds.length && a.itemIds.every((id, index) => id === b.itemIds[index])

/**
 * Whether `checklist` begins with the sections of `head`, each holding the same items in the same
 * order: how an incident's starting checklist begins with the playbook checklist it copied (the
 * core puts the playbook's sections first, the incident's own after).
 *
 * @example
 * beginsWith([{ sectionId: 's', itemIds: ['a'] }, { sectionId: 'own', itemIds: ['b'] }], [{ sectionId: 's', itemIds: ['a'] }]) // true
 */
export const beginsWith = (checklist: readonly SectionShape[], head: readonly SectionShape[]): boolean =>
  head.length <= checklist.length && head.every((section, index) => sameSection(section, checklist[index]))

/**
 * Whether two checklists have the same sections holding the same items, in the same order.
 *
 * @example
 * sameChecklist([{ sectionId: 's', itemIds: ['a'] }], [{ sectionId: 's', itemIds: ['a', 'b'] }]) // false
 */
export const sameChecklist = (a: readonly SectionShape[], b: readonly SectionShape[]): boolean => a.length === b.length && beginsWith(a, b)
