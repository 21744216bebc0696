import { exportedLines } from './exported-lines.js'

/**
 * A log of `copies` incidents, made from an exported log (the demo's): its other streams (the
 * playbooks) once, then its incident streams again and again, each copy under its own incident
 * id, event ids and command ids. For tests that need a long import or copy of events that pass
 * every check of `import`.
 *
 * @example
 * const log = manyIncidents((await ws.run(['export'])).stdout, 100) // ~3,900 events
 */
export const manyIncidents = (exported: string, copies: number): string => {
  const events = exportedLines(exported)
  const isIncident = (event: Record<string, unknown>) => String(event['subject']).startsWith('incident-')
  const copy = (event: Record<string, unknown>, incidentId: string) => ({
    ...event,
    id: `${incidentId}:${String(event['id'])}`,
    commandid: `${incidentId}:${String(event['commandid'])}`,
    correlationid: `${incidentId}:${String(event['correlationid'])}`,
    subject: `incident-${incidentId}`,
    data: event['type'] === 'incident.started' ? { ...(event['data'] as object), incidentId } : event['data'],
  })
  const lines = [
    ...events.filter((event) => !isIncident(event)),
    ...Array.from({ length: copies }, (_, n) => events.filter(isIncident).map((event) => copy(event, `copy-${n}`))).flat(),
  ]
  return lines.map((line) => JSON.stringify(line)).join('\n')
}
