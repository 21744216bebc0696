import * as E from 'fp-ts/lib/Either.js'
import { decodeEvent } from '@incident-kit/core'
import { benchEvents, type Contender, type LogPage } from '../contenders/contender.js'
import { addRound, latencies, perSecond, timed, type Figure } from '../measure.js'
import { inRotatingRounds } from '../rotating-rounds.js'

const FILL_BATCH = 100
const WARM_UP_PAGES = 5

const fill = async (contender: Contender, streamId: string, count: number) => {
  for (let version = 0; version < count; version += FILL_BATCH) {
    await contender.append(streamId, benchEvents(Math.min(FILL_BATCH, count - version)), version)
  }
}

/** W4: reading whole streams of 10, 100 and 1000 events, in rounds that rotate the stores. */
export const readStreamWorkload = async (
  contenders: readonly Contender[],
  { size, reads, runId, rounds }: { size: number; reads: number; runId: string; rounds: number },
): Promise<Figure[]> => {
  const streamId = `incident-w4-${runId}-${size}`
  for (const contender of contenders) {
    await fill(contender, streamId, size)
    for (let i = 0; i < Math.ceil(reads / 10); i++) await contender.readStream(streamId)
  }
  const perRound = Math.ceil(reads / rounds)
  const measured = contenders.map(() => ({ timings: [] as number[], totalMs: 0, roundRates: [] as number[] }))
  await inRotatingRounds(contenders, rounds, async (contender, index, round) => {
    const ms = await timed(async () => {
      for (let i = 0; i < perRound; i++) {
        measured[index]!.timings.push(
          await timed(async () => {
            const count = await contender.readStream(streamId)
            if (count !== size) throw new Error(`${contender.name} read ${count} of ${size} events`)
          }),
        )
      }
    })
    addRound(measured[index]!, round, size * perRound, ms)
  })
  return contenders.map((contender, index) => ({
    workload: 'W4',
    variant: `readStream of ${size} events`,
    database: contender.database,
    contender: contender.name,
    kind: contender.kind,
    eventsPerSecond: perSecond(size * perRound * rounds, measured[index]!.totalMs),
    ...latencies(measured[index]!.timings),
    roundsEventsPerSecond: measured[index]!.roundRates,
    extra: { readsPerSecond: perSecond(perRound * rounds, measured[index]!.totalMs), rounds },
  }))
}

/** Adds events (in batches of 100 on fresh streams) until the log holds `total`. */
export const fillLog = async (contender: Contender, { total, have, runId }: { total: number; have: number; runId: string }) => {
  for (let n = have, s = 0; n < total; n += FILL_BATCH, s++) {
    await contender.append(`incident-w5-${runId}-${s}`, benchEvents(Math.min(FILL_BATCH, total - n)), 0)
  }
}

/**
 * Reads the log through `readAll` page by page, up to `maxPages`, handing each page to `visit`;
 * resolves with the number of events read.
 */
const walkLog = async (contender: Contender, pageSize: number, visit: (page: LogPage) => void = () => undefined, maxPages = Infinity) => {
  let after = ''
  let count = 0
  for (let pages = 0; pages < maxPages; pages++) {
    const page = await contender.readAll(after, pageSize)
    if (page.events.length === 0) break
    visit(page)
    count += page.events.length
    after = page.next
  }
  return count
}

/** Counts the log through `readAll`. */
export const countLog = (contender: Contender, pageSize: number) => walkLog(contender, pageSize)

/**
 * W5: a projection rebuild reads the whole global log in pages; with decoding on, every event also
 * goes through the core's `decodeEvent` (envelope, upcasting, io-ts data codec), as projections do.
 * Every store rebuilds once per round, in rounds that rotate the stores' order.
 */
export const rebuildWorkload = async (
  contenders: readonly Contender[],
  { decode, pageSize, rounds }: { decode: boolean; pageSize: number; rounds: number },
): Promise<Figure[]> => {
  const measured = contenders.map(() => ({ totalMs: 0, events: 0, roundRates: [] as number[] }))
  let decoded = 0
  const visit = (page: LogPage) => {
    if (decode) for (const event of page.events) if (E.isRight(decodeEvent(event))) decoded++
  }
  const rebuild = async (contender: Contender) => {
    decoded = 0
    let count = 0
    const ms = await timed(async () => {
      count = await walkLog(contender, pageSize, visit)
    })
    if (decode && decoded !== count) throw new Error(`${contender.name}: decoded ${decoded} of ${count} events`)
    return { ms, count }
  }
  // Untimed warm-up over the first pages, so that no store is measured while its code is compiled.
  for (const contender of contenders) await walkLog(contender, pageSize, visit, WARM_UP_PAGES)
  await inRotatingRounds(contenders, rounds, async (contender, index, round) => {
    const { ms, count } = await rebuild(contender)
    measured[index]!.events = count
    addRound(measured[index]!, round, count, ms)
  })
  return contenders.map((contender, index) => ({
    workload: 'W5',
    variant: `rebuild from the global log, decode ${decode ? 'on' : 'off'}`,
    database: contender.database,
    contender: contender.name,
    kind: contender.kind,
    eventsPerSecond: perSecond(measured[index]!.events * rounds, measured[index]!.totalMs),
    roundsEventsPerSecond: measured[index]!.roundRates,
    extra: { events: measured[index]!.events, pageSize, rounds },
  }))
}
