import { IncidentKitError, isIncidentKitError } from '@incident-kit/core'

/**
 * Exit codes of `incident-kit`, documented in docs/cli.md. Scripts depend on them: never renumber.
 */
export const EXIT_OK = 0
/** Something failed while running (the database, the network, a rejected command). */
export const EXIT_FAILURE = 1
/** The command line was wrong: unknown command or option, missing or malformed argument. */
export const EXIT_USAGE = 2
/** An input file was unreadable, empty or invalid; nothing was written. */
export const EXIT_BAD_INPUT = 3
/** A setting (flag or environment variable) is missing or malformed, or a feature is not available. */
export const EXIT_CONFIGURATION = 4
/**
 * Stopped by Ctrl-C (SIGINT) before it finished: 128 + 2, what a shell reports for a process the
 * signal ended. A writing command (`import`, `copy`, `demo`) stops between two writes, keeps what
 * it wrote and says so; running it again completes it.
 */
export const EXIT_INTERRUPTED = 130
/** Stopped by SIGTERM before it finished (128 + 15), as `EXIT_INTERRUPTED`. */
export const EXIT_TERMINATED = 143

export const CLI_USAGE = 'CLI_USAGE'
export const CLI_BAD_INPUT = 'CLI_BAD_INPUT'
export const CLI_CONFIGURATION = 'CLI_CONFIGURATION'
export const CLI_FAILURE = 'CLI_FAILURE'
export const CLI_INTERRUPTED = 'CLI_INTERRUPTED'
export const CLI_TERMINATED = 'CLI_TERMINATED'

const exitCodeByCode: Readonly<Record<string, number>> = {
  [CLI_USAGE]: EXIT_USAGE,
  [CLI_BAD_INPUT]: EXIT_BAD_INPUT,
  [CLI_CONFIGURATION]: EXIT_CONFIGURATION,
  [CLI_INTERRUPTED]: EXIT_INTERRUPTED,
  [CLI_TERMINATED]: EXIT_TERMINATED,
}

/** The signals that stop a command: Ctrl-C and `kill`'s default (a service manager's stop). */
export type StopSignal = 'SIGINT' | 'SIGTERM'

/**
 * The exit code of a command stopped by `signal`.
 *
 * @example
 * exitCodeForSignal('SIGTERM') // 143
 */
export const exitCodeForSignal = (signal: StopSignal): number => (signal === 'SIGINT' ? EXIT_INTERRUPTED : EXIT_TERMINATED)

/** An error a command reports to the user: its message is printed as is, its code picks the exit code. */
export class CliError extends IncidentKitError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options)
    this.name = 'CliError'
  }
}

/** Bad command-line usage (exit 2). */
export const usageError = (message: string) => new CliError(CLI_USAGE, message)
/** A bad input file (exit 3). */
export const badInputError = (message: string) => new CliError(CLI_BAD_INPUT, message)
/** A missing or malformed setting (exit 4). */
export const configurationError = (message: string) => new CliError(CLI_CONFIGURATION, message)
/** A failure while running (exit 1). */
export const failure = (message: string, cause?: unknown) => new CliError(CLI_FAILURE, message, cause === undefined ? undefined : { cause })

/** A command stopped by a signal before it finished (exit 130 for SIGINT, 143 for SIGTERM). */
export const interruptedError = (signal: StopSignal, message: string) => new CliError(signal === 'SIGINT' ? CLI_INTERRUPTED : CLI_TERMINATED, message)

/**
 * The exit code for an error thrown by a command: the documented code for `CliError`s, 1 otherwise.
 *
 * @example
 * exitCodeFor(badInputError('line 3: invalid JSON')) // 3
 */
export const exitCodeFor = (error: unknown): number =>
  isIncidentKitError(error) ? (exitCodeByCode[error.code] ?? EXIT_FAILURE) : EXIT_FAILURE
