import { minutesAfter, testLog, type TestLog } from './test-log.js'

/** One incident of a test scenario, its times in minutes after its start. */
export interface ScenarioIncident {
  readonly id: string
  readonly team: string
  readonly playbook?: string
  readonly name?: string
  /** Days after the scenario's first day (may be negative), then minutes into that day. */
  readonly day: number
  readonly minute: number
  readonly acknowledged?: number
  readonly mitigated?: number
  readonly firstStatus?: number
  readonly end?: number
  readonly reopenAndEnd?: readonly [number, number]
  readonly commanderChanges?: number
  /** Per item: minutes of checks, unchecks and skips (applied in time order). */
  readonly items?: Readonly<Record<string, { check?: readonly number[]; uncheck?: readonly number[]; skip?: number }>>
}

export const SCENARIO_DAY_ZERO = '2026-03-02T00:00:00.000Z'
export const SCENARIO_ITEMS = ['triage', 'contain', 'notify'] as const

/** The checklist of every scenario playbook, which its incidents copy when they start, as the core does. */
const playbookSteps = { sectionId: 'steps', title: 'Steps', items: SCENARIO_ITEMS.map((itemId) => ({ itemId, title: `Title of ${itemId}` })) }

/** When a scenario incident starts, as an ISO timestamp. */
export const scenarioStart = (incident: ScenarioIncident): string =>
  minutesAfter(SCENARIO_DAY_ZERO, incident.day * 24 * 60 + incident.minute)

const writeIncident = (log: TestLog, incident: ScenarioIncident): void => {
  const start = scenarioStart(incident)
  const at = (minutes: number) => minutesAfter(start, minutes)
  const checklists = incident.playbook ? [playbookSteps] : []
  log.incident(incident.id, 'incident.started', {
    incidentId: incident.id,
    teamId: incident.team,
    name: incident.name ?? `Incident ${incident.id}`,
    channelName: `incident-${incident.id}`,
    commanderId: 'alice',
    reporterId: 'alice',
    checklists,
    ...(incident.playbook ? { playbookId: incident.playbook } : {}),
  }, start)
  const steps: [number, () => void][] = []
  const step = (minutes: number | undefined, write: (time: string) => void) => {
    if (minutes !== undefined) steps.push([minutes, () => write(at(minutes))])
  }
  const milestone = (name: string, minutes: number | undefined) =>
    step(minutes, (time) => log.incident(incident.id, 'incident.milestone_set', { milestone: name, at: time }, time))
  milestone('acknowledged', incident.acknowledged)
  milestone('mitigated', incident.mitigated)
  step(incident.firstStatus, (time) => log.incident(incident.id, 'incident.status_updated', { message: 'Investigating' }, time))
  for (let change = 1; change <= (incident.commanderChanges ?? 0); change += 1) {
    const [from, to] = change % 2 === 1 ? ['alice', 'bob'] : ['bob', 'alice']
    step(change, (time) => log.incident(incident.id, 'incident.commander_changed', { from, to }, time))
  }
  for (const [itemId, plan] of Object.entries(incident.items ?? {})) {
    for (const minutes of plan.check ?? []) step(minutes, (time) => log.incident(incident.id, 'checklist.item_checked', { itemId }, time))
    for (const minutes of plan.uncheck ?? []) step(minutes, (time) => log.incident(incident.id, 'checklist.item_unchecked', { itemId }, time))
    step(plan.skip, (time) => log.incident(incident.id, 'checklist.item_skipped', { itemId }, time))
  }
  step(incident.end, (time) => log.incident(incident.id, 'incident.ended', {}, time))
  if (incident.reopenAndEnd) {
    const [reopen, end] = incident.reopenAndEnd
    step(reopen, (time) => log.incident(incident.id, 'incident.reopened', {}, time))
    step(end, (time) => log.incident(incident.id, 'incident.ended', {}, time))
  }
  for (const [, write] of steps.sort((a, b) => a[0] - b[0])) write()
}

/**
 * Writes scenario incidents (and a playbook per playbook id) into a fresh test log, streams
 * interleaved in the order given.
 *
 * @example
 * const events = scenarioLog([{ id: 'a', team: 'sec', day: 0, minute: 60, end: 90 }]).events
 */
export const scenarioLog = (incidents: readonly ScenarioIncident[]): TestLog => {
  const log = testLog()
  const playbooks = [...new Set(incidents.flatMap((incident) => (incident.playbook ? [incident.playbook] : [])))].sort()
  for (const playbookId of playbooks) {
    log.playbook(playbookId, 'playbook.created', { playbookId, teamId: 'any', title: `Playbook ${playbookId}`, checklists: [playbookSteps] }, minutesAfter(SCENARIO_DAY_ZERO, -100 * 24 * 60))
  }
  for (const incident of incidents) writeIncident(log, incident)
  return log
}
