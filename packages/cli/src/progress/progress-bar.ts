import cliProgress from 'cli-progress'
import type { CliOutput } from '../cli/cli-io.js'

/** A progress indicator for long imports and replays. */
export interface Progress {
  update(done: number, total: number): void
  stop(): void
}

/** Does nothing: the progress of a run whose stderr is not a terminal (a pipe, a file, a test). */
export const silentProgress: Progress = { update: () => undefined, stop: () => undefined }

/** Below this many items a bar would only flicker. */
export const PROGRESS_MIN_TOTAL = 2000

/**
 * A cli-progress bar on stderr when stderr is a terminal, `silentProgress` otherwise, so that
 * piped output and logs never contain cursor movements.
 *
 * @example
 * const progress = createProgress(io.stderr, 'import')
 * progress.update(500, 10_000); progress.stop()
 */
export const createProgress = (stderr: CliOutput, label: string): Progress => {
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
      if (total < PROGRESS_MIN_TOTAL) return
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
