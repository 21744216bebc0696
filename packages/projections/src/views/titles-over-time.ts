import type { TimelineRecord } from '../model/read-model.js'

/**
 * The titles a timeline sentence names, as they were when the event happened: `subjectTitle` is
 * the item's or section's title before the event (a rename shows the old one), `otherTitle` the
 * section an item was added to or moved to.
 */
export interface TitlesAtTheTime {
  readonly subjectTitle: string | null
  readonly otherTitle: string | null
}

type Data = Record<string, unknown>
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null)

/**
 * Walks an incident's events in log order, tracking item and section titles, and returns the
 * titles each event refers to at its moment.
 *
 * @example
 * titlesOverTime(incident.timeline)[3] // { subjectTitle: 'Roll back deploy', otherTitle: null }
 */
export const titlesOverTime = (records: readonly TimelineRecord[]): TitlesAtTheTime[] => {
  const items = new Map<string, string>()
  const sections = new Map<string, string>()
  return records.map((record) => {
    const data = record.data as Data
    const itemId = text(data.itemId)
    const sectionId = text(data.sectionId)
    switch (record.type) {
      case 'incident.started':
        for (const section of (data.checklists ?? []) as Array<{ sectionId: string; title: string; items: Array<{ itemId: string; title: string }> }>) {
          sections.set(section.sectionId, section.title)
          for (const item of section.items) items.set(item.itemId, item.title)
        }
        return { subjectTitle: null, otherTitle: null }
      case 'checklist.item_added':
        items.set(itemId!, text(data.title)!)
        return { subjectTitle: text(data.title), otherTitle: sections.get(sectionId!) ?? null }
      case 'checklist.item_moved':
        return { subjectTitle: items.get(itemId!) ?? null, otherTitle: sections.get(text(data.toSectionId)!) ?? null }
      case 'checklist.section_added':
      case 'checklist.section_renamed':
      case 'checklist.section_removed': {
        const before = sections.get(sectionId!) ?? text(data.title)
        if (record.type !== 'checklist.section_removed') sections.set(sectionId!, text(data.title)!)
        return { subjectTitle: before, otherTitle: null }
      }
      default: {
        const before = itemId === null ? null : (items.get(itemId) ?? null)
        if (record.type === 'checklist.item_renamed') items.set(itemId!, text(data.title)!)
        return { subjectTitle: before, otherTitle: null }
      }
    }
  })
}
