import type { MattermostLogger } from '../../client/index.js'
import type { LateWork } from '../runtime/late-work.js'

/**
 * How long a person waits for the bot's reply to a command, a click or a dialog. Mattermost itself
 * waits 30 s, but people do not, and a trigger id from an older server (to open a dialog) expires
 * after 3 s.
 */
const REPLY_DEADLINE_MS = 2_500

const LATE = Symbol('late')

export interface AnswerInTimeOptions<T> {
  /**
   * When the request came, in `Date.now()` milliseconds: the reply is due `REPLY_DEADLINE_MS` later.
   * Now by default; a handler that did work of its own first (checking a slash token) gives its start.
   */
  readonly receivedAt?: number
  /** The reply when the work is still running then; the work carries on. */
  readonly whenLate: T
  /** The reply when the work failed; the failure is logged. */
  readonly whenFailed: T
  /**
   * The words of an outcome that is not a success (a refusal), `undefined` for a success. A refusal
   * that comes after `whenLate` was sent is logged, since the person no longer waits on the reply.
   */
  readonly refusalIn: (outcome: T) => string | undefined
  /**
   * Receives the outcome (or `whenFailed`) of work that finished after `whenLate` was sent, with its
   * refusal (`refusalIn`), to tell the person; its failure is logged.
   */
  readonly afterLateReply?: (outcome: T, refusal: string | undefined) => Promise<void>
  /** Where the work that carries on after `whenLate` is tracked, so that closing the bot waits for it. */
  readonly lateWork: LateWork
  readonly logger: MattermostLogger
  /** What failed, for the log: `slash command`, `button click`, `dialog submission`. */
  readonly what: string
  /** Ids that help find the failure, for the log (never a secret). */
  readonly logContext: Readonly<Record<string, unknown>>
}

const afterLateReply = async <T>(late: T, options: AnswerInTimeOptions<T>) => {
  const refusal = options.refusalIn(late)
  // A failure was logged as an error already, with its cause.
  if (refusal !== undefined && late !== options.whenFailed) {
    options.logger.warn({ ...options.logContext, refusal }, `${options.what} refused after the early reply`)
  }
  await options.afterLateReply?.(late, refusal)
}

/**
 * The reply to a request a person waits on: the work's outcome when it comes within the deadline,
 * `whenLate` otherwise, and `whenFailed` (never an exception) when the work throws, such as when
 * the database or Mattermost is down. A late outcome is not lost: a failure is logged as an error,
 * a refusal as a warning, and `afterLateReply` passes it on.
 *
 * @example
 * const reply = await answerInTime(work, { whenLate, whenFailed, refusalIn, lateWork, logger, what: 'button click', logContext: { userId } })
 */
export const answerInTime = async <T>(work: Promise<T>, options: AnswerInTimeOptions<T>): Promise<T> => {
  const answerBy = (options.receivedAt ?? Date.now()) + REPLY_DEADLINE_MS
  const outcome = work.catch((error: unknown) => {
    options.logger.error({ ...options.logContext, err: String(error) }, `${options.what} failed`)
    return options.whenFailed
  })
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<typeof LATE>((resolve) => {
    timer = setTimeout(() => resolve(LATE), Math.max(0, answerBy - Date.now()))
  })
  try {
    const first = await Promise.race([outcome, late])
    if (first !== LATE) return first
  } finally {
    clearTimeout(timer)
  }
  const delivered = outcome.then((lateOutcome) => afterLateReply(lateOutcome, options))
  options.lateWork.track(
    delivered.catch((error: unknown) => {
      options.logger.warn({ ...options.logContext, err: String(error) }, `${options.what}: its late outcome could not be delivered`)
    }),
  )
  return options.whenLate
}
