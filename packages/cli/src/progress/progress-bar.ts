import cliProgress from 'cli-progress'
import type { CliOutput } from '../cli/cli-io.js'

/** A progress indicator for long imports, copies and replays. */
export interface Progress {
  update(done: number, total: number): void
  stop(): void
}

/** Does nothing: the progress of a run whose stderr is not a terminal (a pipe, a file, a test). */
const silentProgress: Progress = { update: () => undefined, stop: () => undefined }

/** Below this many items (lines of a file, events of a copy) a bar would only flicker. */
export const PROGRESS_MIN_TOTAL = 2000

export interface ProgressOptions {
  /**
   * How many steps of `update`'s total each item takes (`import` reads, checks and writes every
   * event: 3), so that a bar appears from `PROGRESS_MIN_TOTAL` items whatever the steps. 1 by default.
   */
  readonly stepsPerItem?: number
}

/**
 * A cli-progress bar on stderr when stderr is a terminal, `silentProgress` otherwise, so that
 * piped output and logs never contain cursor movements.
 *
 * @example
 * const progress = createProgress(io.stderr, 'replay', {})
 * progress.update(500, 10_000); progress.stop()
 */
const createProgress = (stderr: CliOutput, label: string, { stepsPerItem = 1 }: ProgressOptions): Progress => {
  if (!stderr.isTTY || stderr.stream === undefined) return silentProgress
  const bar = new cliProgress.SingleBar(
    {
      stream: stderr.stream,
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  )
  let started = false
  return {
    update: (done, total) => {
      if (total < PROGRESS_MIN_TOTAL * stepsPerItem) return
      if (!started) {
        bar.start(total, done)
        started = true
      } else {
        bar.setTotal(total)
        bar.update(done)
      }
    },
    stop: () => {
      if (started) bar.stop()
      started = false
    },
  }
}

/**
 * Runs `work` with a progress bar (`createProgress`) that is gone once `work` settles, so that what
 * the command writes next, its summary or its error, starts on a clean line.
 *
 * @example
 * const lines = await withProgress(io.stderr, 'replay', (progress) => readEventLogFile(file, io.cwd, { onProgress: progress.update }))
 */
export const withProgress = async <T>(
  stderr: CliOutput,
  label: string,
  work: (progress: Progress) => Promise<T>,
  options: ProgressOptions = {},
): Promise<T> => {
  const progress = createProgress(stderr, label, options)
  try {
    return await work(progress)
  } finally {
    progress.stop()
  }
}
