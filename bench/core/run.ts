/**
 * Replaying one long incident: `foldIncident` (one immer `produce` per batch) against calling
 * `evolveIncident` (one `produce`) per event. Writes bench/results/core-fold.{json,md}.
 *
 * Run: npm run bench:core
 */
import { writeFileSync } from 'node:fs'
import os from 'node:os'
import { domainEvent, evolveIncident, foldIncident, initialIncidentState, type IncidentEvent } from '@incident-kit/core'

const EVENTS = Number(process.env.BENCH_EVENTS ?? 50_000)
const ITEMS = 500

const history = (): Array<IncidentEvent & { occurredAt: string }> => {
  const at = (i: number) => new Date(Date.parse('2026-03-01T09:00:00Z') + i * 1000).toISOString()
  const items = Array.from({ length: ITEMS }, (_, i) => ({ itemId: `item-${i}`, title: `Step ${i}` }))
  const events: Array<IncidentEvent & { occurredAt: string }> = [
    {
      ...domainEvent('incident.started', {
        incidentId: 'i', teamId: 't', name: 'Long incident', channelName: 'long', commanderId: 'a', reporterId: 'a',
        checklists: [{ sectionId: 's', title: 'S', items }],
      }),
      occurredAt: at(0),
    },
  ]
  for (let i = 1; i < EVENTS; i++) {
    const itemId = `item-${i % ITEMS}`
    const event = Math.floor(i / ITEMS) % 2 === 0 ? domainEvent('checklist.item_checked', { itemId }) : domainEvent('checklist.item_unchecked', { itemId })
    events.push({ ...event, occurredAt: at(i) })
  }
  return events
}

const time = (fn: () => unknown) => {
  const start = process.hrtime.bigint()
  fn()
  return Number(process.hrtime.bigint() - start) / 1e6
}

const events = history()
const batchMs = Math.min(...[0, 1, 2].map(() => time(() => foldIncident(initialIncidentState, events))))
const perEventMs = Math.min(...[0, 1].map(() => time(() => events.reduce(evolveIncident, initialIncidentState))))
const same = JSON.stringify(foldIncident(initialIncidentState, events)) === JSON.stringify(events.reduce(evolveIncident, initialIncidentState))

const result = {
  benchmark: 'core-fold',
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), loadAverage: os.loadavg() },
  versions: { node: process.version },
  settings: { events: EVENTS, checklistItems: ITEMS, runs: 'best of 3 (batch) and 2 (per event)' },
  figures: {
    foldOneProduceMs: Number(batchMs.toFixed(2)),
    produceEachEventMs: Number(perEventMs.toFixed(2)),
    slowdown: Number((perEventMs / batchMs).toFixed(1)),
    eventsPerSecondFold: Math.round(EVENTS / (batchMs / 1000)),
    sameState: same,
  },
}
writeFileSync('bench/results/core-fold.json', `${JSON.stringify(result, null, 2)}\n`)
writeFileSync(
  'bench/results/core-fold.md',
  [
    `# Core fold: one copy per batch vs one produce per event (${result.date})`,
    '',
    `Machine: ${result.machine.cpus} × ${result.machine.cpuModel}, ${result.machine.memoryGiB} GiB, load ${result.machine.loadAverage.map((l) => l.toFixed(2)).join(' ')}; Node ${process.version}.`,
    `Settings: ${EVENTS} events on one incident with ${ITEMS} checklist items.`,
    '',
    '| method | ms | ratio |',
    '| --- | ---: | ---: |',
    `| foldIncident (recipe on one private copy) | ${result.figures.foldOneProduceMs} | 1.0 |`,
    `| evolveIncident per event | ${result.figures.produceEachEventMs} | ${result.figures.slowdown} |`,
    '',
    `Same final state: ${same}.`,
    '',
  ].join('\n'),
)
console.log(result.figures)
