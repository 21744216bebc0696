import { repeatedChecklistId, type StoredEvent } from '@incident-kit/core'
import { lineError, type LogLine, type LogLineError } from './parse-log-line.js'

/** The sections each incident stream of the file has so far, for the streams whose start the file holds. */
type SectionsByStream = Map<string, Set<string>>

/** What is wrong with one event's checklist, given the sections of its stream so far; updates them. */
const checklistProblem = (event: StoredEvent, sectionsByStream: SectionsByStream): string | undefined => {
  const sections = sectionsByStream.get(event.streamId)
  switch (event.type) {
    case 'incident.started': {
      sectionsByStream.set(event.streamId, new Set(event.data.checklists.map((s) => s.sectionId)))
      const repeated = repeatedChecklistId(event.data.checklists)
      return repeated === undefined ? undefined : `incident.started of ${event.streamId} lists the checklist id ${repeated} twice`
    }
    case 'checklist.section_added':
      sections?.add(event.data.sectionId)
      return undefined
    case 'checklist.section_removed':
      sections?.delete(event.data.sectionId)
      return undefined
    case 'checklist.item_added':
    case 'checklist.item_moved': {
      const sectionId = event.type === 'checklist.item_added' ? event.data.sectionId : event.data.toSectionId
      if (sections === undefined || sections.has(sectionId)) return undefined
      return `${event.type} puts item ${event.data.itemId} in section ${sectionId}, which ${event.streamId} does not have (no checklist would show the item)`
    }
    default:
      return undefined
  }
}

/**
 * Checks that each incident's checklist is one `decide` could have written: `incident.started`
 * lists each section and item id once (evolve and the views would list a repeated one twice), and
 * items are added or moved only into a section the incident has at that point (commands would
 * accept an orphan item, but no view shows it). A stream whose `incident.started` is not in the
 * file (an export `--since`) has sections the file does not tell, so its items are not checked.
 */
export const checklistProblems = (lines: readonly LogLine[]): LogLineError[] => {
  const sectionsByStream: SectionsByStream = new Map()
  return lines.flatMap(({ line, event }) => {
    const problem = checklistProblem(event, sectionsByStream)
    return problem === undefined ? [] : [lineError(line, problem)]
  })
}
