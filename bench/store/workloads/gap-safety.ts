import { benchEvents, type Contender } from '../contenders/contender.js'
import { perSecond, timed, type Figure } from '../measure.js'

const WRITERS = 8
/** How long the reader keeps reading without progress after the writers finished. */
const SETTLE_MS = 3_000

/**
 * W6 (Postgres): 8 concurrent writers append while one reader pages through the global log from its
 * last checkpoint. The set the reader saw must equal the set written: missing events are events a
 * checkpoint skipped.
 */
export const gapSafetyWorkload = async (contender: Contender, { appendsPerWriter, runId }: { appendsPerWriter: number; runId: string }): Promise<Figure> => {
  let after = ''
  // Start from the current end of the log, so that only this workload's events count.
  for (;;) {
    const page = await contender.readAll(after, 1000)
    if (page.events.length === 0) break
    after = page.next
  }
  const written = new Set<string>()
  const seen = new Map<string, number>()
  let writing = true
  const writer = async (w: number) => {
    let version = 0
    for (let i = 0; i < appendsPerWriter; i++) {
      const events = benchEvents(1 + ((w + i) % 3))
      await contender.append(`incident-w6-${runId}-${w}`, events, version)
      version += events.length
      events.forEach((e) => written.add(e.id))
    }
  }
  const total = await timed(async () => {
    const writers = Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w))).finally(() => (writing = false))
    let idleSince = Date.now()
    for (;;) {
      const page = await contender.readAll(after, 50)
      page.events.forEach((e) => seen.set(e.id, (seen.get(e.id) ?? 0) + 1))
      after = page.next
      if (page.events.length > 0) idleSince = Date.now()
      if (!writing && (seen.size >= written.size || Date.now() - idleSince > SETTLE_MS)) break
      if (page.events.length === 0) await new Promise((resolve) => setTimeout(resolve, 1))
    }
    await writers
  })
  const missing = [...written].filter((id) => !seen.has(id)).length
  const duplicated = [...seen.values()].filter((n) => n > 1).length
  return {
    workload: 'W6',
    variant: '8 writers, 1 polling reader: set read = set written',
    database: contender.database,
    contender: contender.name,
    kind: contender.kind,
    eventsPerSecond: perSecond(seen.size, total),
    extra: { written: written.size, read: seen.size, missing, duplicated, equal: missing === 0 && duplicated === 0 ? 'yes' : 'NO' },
  }
}
