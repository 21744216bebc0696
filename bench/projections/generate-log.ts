import type { RecordedEvent } from '@incident-kit/core'

/** The shape of the generated log. */
export interface GeneratedLogOptions {
  readonly incidents: number
  readonly eventsPerIncident: number
  readonly teams: number
  /** Incidents worked on at the same time: their events interleave in the log. */
  readonly concurrent: number
  readonly seed: number
}

const SECTIONS = 2
const ITEMS_PER_SECTION = 5
const USERS = Array.from({ length: 40 }, (_, i) => `user-${i}`)
const BASE = Date.parse('2026-01-01T00:00:00.000Z')

/** mulberry32: a small deterministic PRNG, so the baseline and the projection see the same events. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

type Step = { type: string; data: Record<string, unknown> }

/** One incident's stream as (type, data) steps: a start from a playbook-like checklist, work, an end. */
const incidentSteps = (n: number, eventsPerIncident: number, teams: number, rnd: () => number): Step[] => {
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!
  const itemIds = Array.from({ length: SECTIONS * ITEMS_PER_SECTION }, (_, i) => `item-${i}`)
  const checklists = Array.from({ length: SECTIONS }, (_, s) => ({
    sectionId: `section-${s}`,
    title: s === 0 ? 'Triage' : 'Mitigation',
    items: itemIds.slice(s * ITEMS_PER_SECTION, (s + 1) * ITEMS_PER_SECTION).map((itemId) => ({ itemId, title: `Step ${itemId}` })),
  }))
  let commander = pick(USERS)
  const steps: Step[] = [
    {
      type: 'incident.started',
      data: { incidentId: `inc-${n}`, teamId: `team-${n % teams}`, name: `Incident ${n}: API errors`, channelName: `incident-${n}`, commanderId: commander, reporterId: commander, severity: pick(['sev1', 'sev2', 'sev3']), playbookId: `playbook-${n % 5}`, checklists },
    },
    { type: 'incident.channel_linked', data: { channelId: `channel-${n}`, channelName: `incident-${n}` } },
  ]
  const ends = rnd() < 0.8
  while (steps.length < eventsPerIncident - (ends ? 1 : 0)) {
    const r = rnd()
    const itemId = pick(itemIds)
    if (r < 0.35) steps.push({ type: 'checklist.item_checked', data: { itemId } })
    else if (r < 0.42) steps.push({ type: 'checklist.item_unchecked', data: { itemId } })
    else if (r < 0.46) steps.push({ type: 'checklist.item_skipped', data: { itemId } })
    else if (r < 0.55) steps.push({ type: 'checklist.item_assigned', data: { itemId, assigneeId: pick(USERS) } })
    else if (r < 0.6) steps.push({ type: 'checklist.item_due_set', data: { itemId, dueAt: new Date(BASE + Math.floor(rnd() * 1e10)).toISOString() } })
    else if (r < 0.7) steps.push({ type: 'incident.note_added', data: { text: `Observation ${steps.length}` } })
    else if (r < 0.78) steps.push({ type: 'incident.status_updated', data: { message: `Status ${steps.length}` } })
    else if (r < 0.81) steps.push({ type: 'incident.metadata_set', data: { key: pick(['severity', 'region', 'customer']), value: pick(['sev1', 'eu-west', 'acme']) } })
    else if (r < 0.83) {
      const to = pick(USERS)
      steps.push({ type: 'incident.commander_changed', data: { from: commander, to } })
      commander = to
    } else if (r < 0.86) steps.push({ type: 'incident.milestone_set', data: { milestone: pick(['detected', 'acknowledged', 'mitigated']), at: new Date(BASE).toISOString() } })
    else if (r < 0.88) steps.push({ type: 'checklist.item_renamed', data: { itemId, title: `Renamed ${steps.length}` } })
    else if (r < 0.9) steps.push({ type: 'checklist.item_command_run', data: { itemId, command: '/status' } })
    else {
      const newItem = `extra-${steps.length}`
      steps.push({ type: 'checklist.item_added', data: { sectionId: pick(checklists).sectionId, itemId: newItem, title: `Added ${steps.length}`, position: 9 } })
      itemIds.push(newItem)
    }
  }
  if (ends) steps.push({ type: 'incident.ended', data: {} })
  return steps
}

/**
 * Generates the log in batches of `concurrent` incidents whose events interleave round-robin, as
 * a store's global log would hold them. Deterministic for a seed; batches are made on demand so
 * that only one batch of raw events is in memory at a time.
 */
export function* generateLog(options: GeneratedLogOptions): Generator<RecordedEvent[]> {
  const rnd = random(options.seed)
  let position = 0
  for (let first = 0; first < options.incidents; first += options.concurrent) {
    const group = Array.from({ length: Math.min(options.concurrent, options.incidents - first) }, (_, k) => first + k)
    const streams = group.map((n) => ({ n, steps: incidentSteps(n, options.eventsPerIncident, options.teams, rnd), clock: BASE + n * 600_000 }))
    const batch: RecordedEvent[] = []
    for (let version = 1; batch.length < streams.reduce((sum, s) => sum + s.steps.length, 0); version++) {
      for (const stream of streams) {
        const step = stream.steps[version - 1]
        if (!step) continue
        stream.clock += 5_000 + Math.floor(rnd() * 120_000)
        const at = new Date(stream.clock).toISOString()
        position += 1
        batch.push({
          id: `event-${position}`,
          type: step.type,
          streamId: `incident-inc-${stream.n}`,
          version,
          occurredAt: at,
          recordedAt: at,
          actorId: USERS[(stream.n + version) % USERS.length]!,
          commandId: `command-${position}`,
          correlationId: `command-${position}`,
          schemaVersion: 1,
          data: step.data,
          position: String(position),
        })
      }
    }
    yield batch
  }
}
