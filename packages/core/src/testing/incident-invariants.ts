import { lookup } from '../incident/dictionary.js'
import type { IncidentState } from '../incident/incident-state.js'

/**
 * The invariants every reachable incident state keeps; returns the broken ones (empty when valid).
 * Used by the property tests, and handy when debugging a replayed log.
 */
export const incidentInvariantViolations = (state: IncidentState): string[] => {
  const problems: string[] = []
  if (state.status !== 'none' && state.commanderId === '') problems.push('an incident without a commander')
  if (state.status === 'ended' && state.endedAt === null) problems.push('an ended incident without endedAt')
  if (state.status === 'active' && state.endedAt !== null) problems.push('an active incident with endedAt')
  const listed = state.sections.flatMap((section) => section.itemIds)
  if (new Set(listed).size !== listed.length) problems.push('an item listed twice')
  for (const itemId of listed) {
    const item = lookup(state.items, itemId)
    if (!item) problems.push(`section lists missing item ${itemId}`)
    else if (!state.sections.some((s) => s.sectionId === item.sectionId && s.itemIds.includes(itemId))) {
      problems.push(`item ${itemId} is not in its own section`)
    }
  }
  for (const itemId of Object.keys(state.items)) {
    if (!listed.includes(itemId)) problems.push(`item ${itemId} belongs to no section`)
    if (lookup(state.usedIds, itemId) === undefined) problems.push(`item ${itemId} is not recorded as used`)
  }
  for (const item of Object.values(state.items)) {
    if (item.state === 'checked' && item.lastCompletedAt === null) problems.push(`checked item ${item.itemId} without completion time`)
    if (item.title.trim() === '') problems.push(`item ${item.itemId} has an empty title`)
  }
  return problems
}
