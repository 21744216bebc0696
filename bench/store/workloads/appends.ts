import { benchEvents, type Contender } from '../contenders/contender.js'
import { latencies, perSecond, timed, type Figure } from '../measure.js'

const STREAMS_PER_WRITER = 10
const WARM_UP_SHARE = 10

/**
 * W1 (batch 1) and W2 (batches of 10 and 100): appends with an exact expected version, each writer on
 * its own streams, so every append succeeds and the figure is the store's own cost.
 */
export const appendWorkload = async (
  contender: Contender,
  { workload, batchSize, appends, writers, runId }: { workload: string; batchSize: number; appends: number; writers: number; runId: string },
): Promise<Figure> => {
  let timings: number[] = []
  const perWriter = Math.ceil(appends / writers)
  const writer = async (w: number, phase: string, count: number) => {
    const versions = new Array<number>(STREAMS_PER_WRITER).fill(0)
    for (let i = 0; i < count; i++) {
      const s = i % STREAMS_PER_WRITER
      const events = benchEvents(batchSize)
      timings.push(await timed(() => contender.append(`incident-${workload}-${phase}-${batchSize}-${writers}-${runId}-${w}-${s}`, events, versions[s]!)))
      versions[s]! += batchSize
    }
  }
  // A short untimed warm-up, so that no store is measured while its code is still being compiled.
  await writer(0, 'warm-up', Math.ceil(perWriter / WARM_UP_SHARE))
  timings = []
  const total = await timed(() => Promise.all(Array.from({ length: writers }, (_, w) => writer(w, 'timed', perWriter))))
  return {
    workload,
    variant: `batch ${batchSize}, ${writers} writer${writers > 1 ? 's' : ''}`,
    database: contender.database,
    contender: contender.name,
    kind: contender.kind,
    eventsPerSecond: perSecond(perWriter * writers * batchSize, total),
    ...latencies(timings),
    extra: { appends: perWriter * writers },
  }
}

/**
 * W3: 8 writers on 10 hot streams, each loop reads the stream, "decides" one event and appends it
 * with the version it read, retrying on a conflict: successful events per second and conflicts.
 */
export const contendedWorkload = async (contender: Contender, { appends, runId }: { appends: number; runId: string }): Promise<Figure> => {
  const writers = 8
  const hotStreams = 10
  let conflicts = 0
  let done = 0
  const timings: number[] = []
  const writer = async (w: number) => {
    for (let i = 0; done < appends; i++) {
      const streamId = `incident-w3-${runId}-${(w * 7 + i) % hotStreams}`
      const started = process.hrtime.bigint()
      for (;;) {
        const version = await contender.readStream(streamId)
        try {
          await contender.append(streamId, benchEvents(1), version)
          break
        } catch (error) {
          if (!contender.isConflict(error)) throw error
          conflicts++
        }
      }
      timings.push(Number(process.hrtime.bigint() - started) / 1e6)
      done++
    }
  }
  const total = await timed(() => Promise.all(Array.from({ length: writers }, (_, w) => writer(w))))
  return {
    workload: 'W3',
    variant: '8 writers, 10 hot streams, read-decide-append',
    database: contender.database,
    contender: contender.name,
    kind: contender.kind,
    eventsPerSecond: perSecond(done, total),
    ...latencies(timings),
    extra: { appended: done, conflicts },
  }
}
