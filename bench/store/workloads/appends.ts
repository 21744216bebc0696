import { benchEvents, type Contender } from '../contenders/contender.js'
import { addRound, latencies, perSecond, timed, type Figure } from '../measure.js'
import { inRotatingRounds } from '../rotating-rounds.js'

const STREAMS_PER_WRITER = 10
const WARM_UP_SHARE = 10

export interface AppendWorkloadOptions {
  readonly workload: string
  readonly batchSize: number
  readonly appends: number
  readonly writers: number
  readonly runId: string
  /** The appends are split into rounds that run every store in turn (`inRotatingRounds`). */
  readonly rounds: number
}

/**
 * W1 (batch 1) and W2 (batches of 10 and 100): appends with an exact expected version, each writer on
 * its own streams, so every append succeeds and the figure is the store's own cost.
 */
export const appendWorkload = async (contenders: readonly Contender[], options: AppendWorkloadOptions): Promise<Figure[]> => {
  const { workload, batchSize, appends, writers, runId, rounds } = options
  const perWriter = Math.ceil(appends / writers / rounds)
  const measured = contenders.map(() => ({ timings: [] as number[], totalMs: 0, roundRates: [] as number[] }))
  const perRoundEvents = perWriter * writers * batchSize
  const run = async (contender: Contender, phase: string, count: number, timings: number[]) => {
    // The events are made before the clock starts: making them (ids, timestamps) is not the store's cost.
    const batches = Array.from({ length: writers }, () => Array.from({ length: count }, () => benchEvents(batchSize)))
    const writer = async (w: number) => {
      const versions = new Array<number>(STREAMS_PER_WRITER).fill(0)
      for (const [i, events] of batches[w]!.entries()) {
        const s = i % STREAMS_PER_WRITER
        timings.push(await timed(() => contender.append(`incident-${workload}-${phase}-${batchSize}-${writers}-${runId}-${w}-${s}`, events, versions[s]!)))
        versions[s]! += batchSize
      }
    }
    return timed(() => Promise.all(Array.from({ length: writers }, (_, w) => writer(w))))
  }
  // A short untimed warm-up, so that no store is measured while its code is still being compiled.
  for (const contender of contenders) await run(contender, 'warm-up', Math.ceil((perWriter * rounds) / WARM_UP_SHARE), [])
  await inRotatingRounds(contenders, rounds, async (contender, index, round) => {
    addRound(measured[index]!, round, perRoundEvents, await run(contender, `round-${round}`, perWriter, measured[index]!.timings))
  })
  return contenders.map((contender, index) => ({
    workload,
    variant: `batch ${batchSize}, ${writers} writer${writers > 1 ? 's' : ''}`,
    database: contender.database,
    contender: contender.name,
    kind: contender.kind,
    eventsPerSecond: perSecond(perRoundEvents * rounds, measured[index]!.totalMs),
    ...latencies(measured[index]!.timings),
    roundsEventsPerSecond: measured[index]!.roundRates,
    extra: { appends: perWriter * writers * rounds, rounds },
  }))
}

/**
 * W3: 8 writers on 10 hot streams, each loop reads the stream, "decides" one event and appends it
 * with the version it read, retrying on a conflict: successful events per second and conflicts.
 * Split into rounds that rotate the stores' order, as `appendWorkload` does.
 */
export const contendedWorkload = async (
  contenders: readonly Contender[],
  { appends, runId, rounds }: { appends: number; runId: string; rounds: number },
): Promise<Figure[]> => {
  const writers = 8
  const hotStreams = 10
  const perRound = Math.ceil(appends / rounds)
  const measured = contenders.map(() => ({ timings: [] as number[], totalMs: 0, conflicts: 0, done: 0, roundRates: [] as number[] }))
  const run = async (contender: Contender, round: number | 'warm-up', into: (typeof measured)[number]) => {
    let done = 0
    const writer = async (w: number) => {
      for (let i = 0; done < perRound; i++) {
        const streamId = `incident-w3-${runId}-${round}-${(w * 7 + i) % hotStreams}`
        const started = process.hrtime.bigint()
        for (;;) {
          const version = await contender.readStream(streamId)
          try {
            await contender.append(streamId, benchEvents(1), version)
            break
          } catch (error) {
            if (!contender.isConflict(error)) throw error
            into.conflicts++
          }
        }
        into.timings.push(Number(process.hrtime.bigint() - started) / 1e6)
        done++
      }
    }
    const ms = await timed(() => Promise.all(Array.from({ length: writers }, (_, w) => writer(w))))
    into.done += done
    if (round !== 'warm-up') addRound(into, round, done, ms)
  }
  // An untimed round first, as in `appendWorkload`: eight writers also open the pool's connections,
  // which an earlier workload's pool may have closed as idle.
  for (const contender of contenders) await run(contender, 'warm-up', { timings: [], totalMs: 0, conflicts: 0, done: 0, roundRates: [] })
  await inRotatingRounds(contenders, rounds, (contender, index, round) => run(contender, round, measured[index]!))
  return contenders.map((contender, index) => ({
    workload: 'W3',
    variant: '8 writers, 10 hot streams, read-decide-append',
    database: contender.database,
    contender: contender.name,
    kind: contender.kind,
    eventsPerSecond: perSecond(measured[index]!.done, measured[index]!.totalMs),
    ...latencies(measured[index]!.timings),
    roundsEventsPerSecond: measured[index]!.roundRates,
    extra: { appended: measured[index]!.done, conflicts: measured[index]!.conflicts, rounds },
  }))
}
