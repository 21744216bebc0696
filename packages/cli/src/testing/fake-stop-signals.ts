import { EventEmitter } from 'node:events'
import type { StopSignal } from '../cli/cli-errors.js'
import type { StopSignals } from '../cli/cli-io.js'

/** `StopSignals` a test sends by hand: no real signal reaches the test process. */
export interface FakeStopSignals {
  readonly stopSignals: StopSignals
  /** Delivers `signal` to the listeners, as the process would on Ctrl-C or `kill`. */
  send(signal: StopSignal): void
  /** Delivers `signal` as soon as a command starts listening (just after it has begun). */
  sendOnListen(signal: StopSignal): void
  /** How many listeners are on now: none once a command has returned. */
  listening(): number
  /** The codes `exitNow` was called with (the process would have ended at the first). */
  readonly exits: number[]
}

/**
 * Stop signals for in-process runs of `runCli`, through `captureIo({ stopSignals })`.
 *
 * @example
 * const signals = fakeStopSignals()
 * const io = captureIo({ cwd, stopSignals: signals.stopSignals })
 * signals.send('SIGINT')
 */
export const fakeStopSignals = (): FakeStopSignals => {
  const emitter = new EventEmitter()
  const exits: number[] = []
  let onListen: StopSignal | undefined
  return {
    stopSignals: {
      listen: (listener) => {
        emitter.on('signal', listener)
        const signal = onListen
        onListen = undefined
        if (signal !== undefined) queueMicrotask(() => emitter.emit('signal', signal))
        return () => emitter.off('signal', listener)
      },
      exitNow: (code) => void exits.push(code),
    },
    send: (signal) => void emitter.emit('signal', signal),
    sendOnListen: (signal) => {
      onListen = signal
    },
    listening: () => emitter.listenerCount('signal'),
    exits,
  }
}
