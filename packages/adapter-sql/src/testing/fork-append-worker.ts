import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** What one worker process does. */
export interface WorkerTask {
  readonly url: string
  readonly schema?: string
  readonly worker: number
  readonly runId: string
  readonly streams: readonly string[]
  readonly appends: number
  readonly batchSize: number
  /** Every n-th append uses a command id shared by all workers (0: none), to race idempotency. */
  readonly contestedEvery: number
  /** When (epoch ms) to open the store: workers started together open it at the same moment. */
  readonly openAt?: number
}

/** One acknowledged append, as the worker reports it. */
export interface WorkerAck {
  readonly worker: number
  readonly seq: number
  readonly commandId: string
  readonly streamId: string
  readonly duplicate: boolean
  readonly eventIds: readonly string[]
}

export interface RunningWorker {
  readonly acks: WorkerAck[]
  /** Resolves with the exit code or signal once the process has ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** Resolves once the worker has acknowledged `count` appends (or exited). */
  readonly acknowledged: (count: number) => Promise<void>
  readonly kill: (signal: NodeJS.Signals) => void
}

const WORKER_SCRIPT = fileURLToPath(new URL('./append-worker.ts', import.meta.url))

/**
 * Starts `append-worker.ts` in its own Node process (through tsx) and collects its acknowledgements.
 *
 * @example
 * const worker = forkAppendWorker({ url, worker: 0, runId, streams, appends: 50, batchSize: 2, contestedEvery: 0 })
 * await worker.exited
 */
export const forkAppendWorker = (task: WorkerTask): RunningWorker => {
  const child = fork(WORKER_SCRIPT, [JSON.stringify(task)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const acks: WorkerAck[] = []
  let waiting: Array<{ count: number; resolve: () => void }> = []
  const settle = (force: boolean) => {
    waiting = waiting.filter((w) => (force || acks.length >= w.count ? (w.resolve(), false) : true))
  }
  child.on('message', (message: WorkerAck | { done: true }) => {
    if ('seq' in message) acks.push(message)
    settle(false)
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      settle(true)
      resolve({ code, signal })
    }),
  )
  return {
    acks,
    exited,
    acknowledged: (count) =>
      new Promise<void>((resolve) => {
        waiting.push({ count, resolve })
        settle(child.exitCode !== null || child.signalCode !== null)
      }),
    kill: (signal) => child.kill(signal),
  }
}
