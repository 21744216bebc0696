import { incidentStreamId, readLogPages, type EventStore } from '@incident-kit/core'
import { teamOfFirstEvent, type ExportFilter } from './export-event-log.js'

/** Whether the store holds a stream of the team: one whose first event (`incident.started`, `playbook.created`) names it. */
const holdsTeam = async (store: Pick<EventStore, 'readAll'>, teamId: string) => {
  for await (const { events } of readLogPages(store)) {
    if (events.some((event) => teamOfFirstEvent(event) === teamId)) return true
  }
  return false
}

/**
 * What an export's `--incident` and `--team` name that the store does not hold, as sentences
 * (`no incident typo`): a mistyped id would otherwise export nothing and look like an empty log,
 * as a mistyped database would. Asked only of an export that wrote nothing: an incident or team
 * that wrote a line exists, and one with nothing since `--since` is no typo.
 *
 * @example
 * await missingExportTargets(store, { incidentId: 'tpyo' }) // ['no incident tpyo']
 */
export const missingExportTargets = async (store: Pick<EventStore, 'readStream' | 'readAll'>, filter: ExportFilter): Promise<string[]> => {
  const missing: string[] = []
  if (filter.incidentId !== undefined && (await store.readStream(incidentStreamId(filter.incidentId), { toVersion: 1 })).length === 0) {
    missing.push(`no incident ${filter.incidentId}`)
  }
  if (filter.teamId !== undefined && !(await holdsTeam(store, filter.teamId))) missing.push(`no incident or playbook of team ${filter.teamId}`)
  return missing
}
