import { describe, expect, it } from 'vitest'
import type { IncidentFacts } from './incident-facts.js'
import { summarizePeriod } from './period-summary.js'

const period = { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' }

const incident = (n: number, commanderChanges: number): IncidentFacts => ({
  incidentId: `i${n}`,
  teamId: 'ops',
  name: `Incident ${n}`,
  playbookId: null,
  severity: null,
  startedAt: '2026-03-02T00:00:00.000Z',
  endedAt: null,
  activeSpans: [{ from: '2026-03-02T00:00:00.000Z', to: null }],
  firstStatusUpdateAt: null,
  commanderChanges,
  milestones: {},
  items: [],
})

describe('summarizePeriod', () => {
  it('finds the most commander changes of a cohort too large to spread into Math.max', () => {
    const cohort = Array.from({ length: 200_000 }, (_, n) => incident(n, n === 123_456 ? 7 : n % 3))
    const summary = summarizePeriod(cohort, period, { teamId: 'ops', playbookId: null, metrics: [] })
    expect(summary.commanderChanges.max).toBe(7)
  })
})
