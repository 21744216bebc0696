import type { EventStore } from '@incident-kit/core'
import { exitCodeForSignal, interruptedError, type StopSignal } from './cli-errors.js'
import type { CliIo } from './cli-io.js'

/** The reason of `withInterruption`'s aborted signal, thrown by `stoppingOnAbort`'s store. */
export class CommandInterrupted extends Error {
  constructor(readonly signal: StopSignal) {
    super(`interrupted by ${signal}`)
    this.name = 'CommandInterrupted'
  }
}

/** What a command does on the first SIGINT or SIGTERM while it runs under `withInterruption`. */
export interface InterruptionOptions {
  /**
   * `'abort'`: abort the signal given to the command, which stops at its next check (a writing
   * command, between two writes) and lets every `finally` run. `'exit'`: restore the terminal and
   * exit at once (a command that writes nothing that could be left half done). A second signal
   * always exits at once.
   */
  readonly firstSignal: 'abort' | 'exit'
  /** Printed on stderr when the command exits at once. */
  readonly exitMessage: string
}

/*
 * A progress bar hides the cursor and turns line wrap off until it stops, which a process that
 * exits at once never reaches: back to the start of the bar's line, cleared, cursor shown, wrap on.
 */
const RESTORE_TERMINAL = '\r\x1b[2K\x1b[?25h\x1b[?7h'

/**
 * Runs `work` with SIGINT and SIGTERM (the io's `stopSignals`) handled as `options` says, listened
 * to only while `work` runs: afterwards (and with an io that has no `stopSignals`, as in tests and
 * embedders by default) nothing is left listening.
 *
 * @example
 * await withInterruption(io, { firstSignal: 'abort', exitMessage: 'stopped at once' }, async (signal) => {
 *   await importEventLog(stoppingOnAbort(store, signal), lines)
 * })
 */
export const withInterruption = async <T>(io: CliIo, options: InterruptionOptions, work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
  const controller = new AbortController()
  const exitAtOnce = (signal: StopSignal) => {
    if (io.stderr.isTTY) void io.stderr.write(RESTORE_TERMINAL)
    void io.stderr.write(`incident-kit: ${options.exitMessage}\n`)
    io.stopSignals?.exitNow(exitCodeForSignal(signal))
  }
  const stopListening = io.stopSignals?.listen((signal) => {
    if (options.firstSignal === 'exit' || controller.signal.aborted) exitAtOnce(signal)
    else controller.abort(new CommandInterrupted(signal))
  })
  try {
    return await work(controller.signal)
  } finally {
    stopListening?.()
  }
}

/** How long a `stoppingOnAbort` store may keep the event loop from turning: how late a signal may be seen. */
const TURN_EVERY_MS = 20

/**
 * `store`, whose appends and reads throw the signal's `CommandInterrupted` once it is aborted. The
 * check comes before each call, so that an append in flight completes (each is one transaction):
 * the store holds whole appends only. `onAppended` is told how many events each append wrote.
 *
 * @example
 * let written = 0
 * const target = stoppingOnAbort(store, signal, (events) => (written += events))
 */
export const stoppingOnAbort = <S extends EventStore>(store: S, signal: AbortSignal, onAppended: (events: number) => void = () => undefined): S => {
  let turnedAt = performance.now()
  /*
   * SQLite's driver is synchronous: an import's appends resolve as microtasks one after the other,
   * and the event loop, which delivers signals (and redraws the progress bar), would not turn
   * before the last. So it is let turn every `TURN_EVERY_MS`, before the check.
   */
  const stopIfAborted = async () => {
    if (performance.now() - turnedAt >= TURN_EVERY_MS) {
      await new Promise((resolve) => setImmediate(resolve))
      turnedAt = performance.now()
    }
    signal.throwIfAborted()
  }
  return {
    ...store,
    appendToStream: async (streamId, events, options) => {
      await stopIfAborted()
      const result = await store.appendToStream(streamId, events, options)
      if (!result.duplicate) onAppended(result.events.length)
      return result
    },
    readStream: async (streamId, options) => {
      await stopIfAborted()
      return store.readStream(streamId, options)
    },
    readAll: async (options) => {
      await stopIfAborted()
      return store.readAll(options)
    },
    readByCommandId: async (commandId) => {
      await stopIfAborted()
      return store.readByCommandId(commandId)
    },
  }
}

/**
 * The error a writing command throws when `error` is its interruption (exit 130 or 143): how many
 * events it wrote, of how many (`of`: "in the file"), and that running it again completes it, since
 * the writes of `import`, `copy` and `demo` skip what is there. Any other error comes back as it is.
 *
 * @example
 * catch (error) { throw interruptedWriting(error, written, `of ${lines.length} in the file`) }
 */
const interruptedWriting = (error: unknown, written: number, of?: string): unknown => {
  if (!(error instanceof CommandInterrupted)) return error
  if (written === 0) return interruptedError(error.signal, `interrupted (${error.signal}) before any event was written`)
  return interruptedError(
    error.signal,
    `interrupted (${error.signal}) after writing ${written} event${written === 1 ? '' : 's'}${of === undefined ? '' : ` (${of})`}; they stay in the database: run the same command again to complete it (it skips the events already there)`,
  )
}

/** What a writing command's work gets from `withInterruptedWriting`. */
export interface InterruptibleWriting {
  /** Aborted by the first SIGINT or SIGTERM. */
  readonly signal: AbortSignal
  /** The store the command writes to, stopping on the signal and counting the events it appends. */
  readonly writingTo: <S extends EventStore>(store: S) => S
  /** How many events there are to write in all (`of 1200 in the file`), for the interrupted message. */
  readonly outOf: (of: string) => void
}

/**
 * `withInterruption` for a command that writes events (`import`, `copy`, `demo`): the first signal
 * stops it between two appends, and its interruption is thrown as `interruptedWriting` says, with
 * the events written through `writingTo`.
 *
 * @example
 * await withInterruptedWriting(io, 'stopped at once', async ({ writingTo, outOf }) => {
 *   outOf(`of ${lines.length} in the file`)
 *   return importEventLog(writingTo(store), lines)
 * })
 */
export const withInterruptedWriting = <T>(io: CliIo, exitMessage: string, work: (writing: InterruptibleWriting) => Promise<T>): Promise<T> =>
  withInterruption(io, { firstSignal: 'abort', exitMessage }, async (signal) => {
    let written = 0
    let of: string | undefined
    try {
      return await work({
        signal,
        writingTo: (store) => stoppingOnAbort(store, signal, (events) => (written += events)),
        outOf: (text) => (of = text),
      })
    } catch (error) {
      throw interruptedWriting(error, written, of)
    }
  })
