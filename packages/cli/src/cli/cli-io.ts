import type { Writable } from 'node:stream'
import type { StopSignal } from './cli-errors.js'

/** Where a command writes: stdout for results, stderr for messages and progress. */
export interface CliOutput {
  /** Writes text; a promise means "wait before writing more" (a full pipe), for long outputs. */
  write(text: string): void | Promise<void>
  /** True when this output is a terminal: progress bars appear only then. */
  readonly isTTY: boolean
  /** The underlying stream, for progress bars that move the cursor; absent when captured. */
  readonly stream?: Writable
}

/**
 * SIGINT and SIGTERM, for the commands that stop on them in their own way (`withInterruption`):
 * `import`, `copy` and `demo` stop between two writes, `replay` restores the terminal first.
 */
export interface StopSignals {
  /**
   * Calls `listener` on every SIGINT and SIGTERM until the returned function is called; meanwhile
   * they do not end the process.
   */
  listen(listener: (signal: StopSignal) => void): () => void
  /** Ends the process at once with `code` (a second Ctrl-C while a write is still running). */
  exitNow(code: number): void
}

/** Everything a command may touch of its process, injected so that commands run inside tests. */
export interface CliIo {
  readonly stdout: CliOutput
  readonly stderr: CliOutput
  readonly env: Readonly<Record<string, string | undefined>>
  /** Relative paths (files, the default SQLite database) resolve against this directory. */
  readonly cwd: string
  /**
   * For long-running commands (the bot): resolves when the process is asked to stop (Ctrl-C,
   * SIGTERM). Called only by them, so that every other command keeps Node's default Ctrl-C.
   */
  readonly waitForStop?: () => Promise<void>
  /**
   * The process's SIGINT and SIGTERM, listened to only while a command that stops on them runs.
   * Absent (a captured io, unless given): those commands install no handler, and the process's
   * default applies (in a real process, a SIGINT ends it at once, in the middle of a write too).
   */
  readonly stopSignals?: StopSignals
}

/** The io of a captured run: what was written, as text. */
export interface CapturedIo extends CliIo {
  stdoutText(): string
  stderrText(): string
}

const captureOutput = (isTTY: boolean) => {
  const chunks: string[] = []
  return { output: { write: (text: string) => void chunks.push(text), isTTY }, text: () => chunks.join('') }
}

/**
 * An io that captures stdout and stderr in memory: for tests and for embedding the CLI.
 *
 * @example
 * const io = captureIo({ cwd: '/tmp/x' })
 * await runCli(['export'], io)
 * io.stdoutText() // one CloudEvent per line
 */
export const captureIo = (options: {
  cwd: string
  env?: Record<string, string | undefined>
  waitForStop?: () => Promise<void>
  stopSignals?: StopSignals
}): CapturedIo => {
  const out = captureOutput(false)
  const err = captureOutput(false)
  return {
    stdout: out.output,
    stderr: err.output,
    env: options.env ?? {},
    cwd: options.cwd,
    ...(options.waitForStop ? { waitForStop: options.waitForStop } : {}),
    ...(options.stopSignals ? { stopSignals: options.stopSignals } : {}),
    stdoutText: out.text,
    stderrText: err.text,
  }
}

const streamOutput = (stream: NodeJS.WriteStream): CliOutput => ({
  write: (text) => (stream.write(text) ? undefined : new Promise<void>((resolve) => stream.once('drain', () => resolve()))),
  isTTY: stream.isTTY === true,
  stream,
})

const STOP_SIGNALS: readonly StopSignal[] = ['SIGINT', 'SIGTERM']

/** The process's own: a listener on a signal replaces Node's default (dying), until it is removed. */
const processStopSignals: StopSignals = {
  listen: (listener) => {
    const handlers = STOP_SIGNALS.map((signal) => [signal, () => listener(signal)] as const)
    for (const [signal, handler] of handlers) process.on(signal, handler)
    return () => {
      for (const [signal, handler] of handlers) process.off(signal, handler)
    }
  },
  exitNow: (code) => process.exit(code),
}

/**
 * The io of the running process.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), processIo())
 */
export const processIo = (): CliIo => ({
  stdout: streamOutput(process.stdout),
  stderr: streamOutput(process.stderr),
  env: process.env,
  cwd: process.cwd(),
  waitForStop: () =>
    new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve())
      process.once('SIGTERM', () => resolve())
    }),
  stopSignals: processStopSignals,
})
