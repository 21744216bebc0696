import { domainEvent, type IncidentEvent } from '../events/catalogue.js'

type StartedData = Extract<IncidentEvent, { type: 'incident.started' }>['data']

/**
 * An `incident.started` of incident `i` in team `t`, commanded and reported by alice, with no
 * checklist unless `overrides` gives one: the history most decide tests begin with.
 *
 * @example
 * given([incidentStarted({ checklists: [{ sectionId: 's', title: 'Triage', items: [] }] })]).when(command)
 */
export const incidentStarted = (overrides: Partial<StartedData> = {}): IncidentEvent =>
  domainEvent('incident.started', {
    incidentId: 'i',
    teamId: 't',
    name: 'API down',
    channelName: 'api-down',
    commanderId: 'alice',
    reporterId: 'alice',
    checklists: [],
    ...overrides,
  })
