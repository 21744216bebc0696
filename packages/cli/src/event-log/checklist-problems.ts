import { checklistIds, repeatedChecklistId, type StoredEvent } from '@incident-kit/core'
import { lineError, type LogLine, type LogLineError } from './parse-log-line.js'

/**
 * What the file has shown of one incident's checklist so far, for the streams whose start it holds:
 * the sections it has now, and every section and item id it ever used (removed ones included: ids
 * are never reused, as `decide`'s `usedIds`).
 */
interface ChecklistSoFar {
  readonly sections: Set<string>
  readonly usedIds: Set<string>
}

/** A section or item id the incident already used, as a problem; otherwise records it. */
const reusedId = (checklist: ChecklistSoFar | undefined, event: StoredEvent, id: string): string | undefined => {
  if (checklist === undefined) return undefined
  if (checklist.usedIds.has(id)) return `${event.type} reuses the checklist id ${id}, which ${event.streamId} already used (ids of sections and items are never reused)`
  checklist.usedIds.add(id)
  return undefined
}

/** What is wrong with one event's checklist, given what its stream showed so far; updates that. */
const checklistProblem = (event: StoredEvent, checklists: Map<string, ChecklistSoFar>): string | undefined => {
  const checklist = checklists.get(event.streamId)
  switch (event.type) {
    case 'incident.started': {
      const sections = event.data.checklists
      const ids = checklistIds(sections)
      checklists.set(event.streamId, { sections: new Set(sections.map((s) => s.sectionId)), usedIds: new Set(ids) })
      const repeated = repeatedChecklistId(ids)
      return repeated === undefined ? undefined : `incident.started of ${event.streamId} lists the checklist id ${repeated} twice`
    }
    case 'checklist.section_added':
      checklist?.sections.add(event.data.sectionId)
      return reusedId(checklist, event, event.data.sectionId)
    case 'checklist.section_removed':
      checklist?.sections.delete(event.data.sectionId)
      return undefined
    case 'checklist.item_added':
    case 'checklist.item_moved': {
      const sectionId = event.type === 'checklist.item_added' ? event.data.sectionId : event.data.toSectionId
      if (checklist !== undefined && !checklist.sections.has(sectionId)) {
        return `${event.type} puts item ${event.data.itemId} in section ${sectionId}, which ${event.streamId} does not have (no checklist would show the item)`
      }
      return event.type === 'checklist.item_added' ? reusedId(checklist, event, event.data.itemId) : undefined
    }
    default:
      return undefined
  }
}

/**
 * Checks that each incident's checklist is one `decide` could have written: `incident.started`
 * lists each section and item id once and a later section or item never reuses an id (evolve and
 * the views would list it twice), and items are added or moved only into a section the incident
 * has at that point (commands would accept an orphan item, but no view shows it). A stream whose `incident.started` is not in the
 * file (an export `--since`) has sections the file does not tell, so its items are not checked.
 */
export const checklistProblems = (lines: readonly LogLine[]): LogLineError[] => {
  const checklists = new Map<string, ChecklistSoFar>()
  return lines.flatMap(({ line, event }) => {
    const problem = checklistProblem(event, checklists)
    return problem === undefined ? [] : [lineError(line, problem)]
  })
}
