import type { MattermostLogger } from '../../client/index.js'

/** A lock that at most one replica holds: adapter-sql's `SqlEventStore` offers one. */
export interface BotLocks {
  tryLock(name: string): Promise<{ release(): Promise<void>; readonly lost?: Promise<void> } | undefined>
}

/** Stops what `lead` started. */
export type StopLeading = () => Promise<void>

export interface LeadershipOptions {
  /** Without locks the bot assumes it runs alone and leads at once. */
  readonly locks?: BotLocks
  readonly lockName: string
  /** Starts the side effects only the leader runs (posting, channels, reminders). */
  readonly lead: () => Promise<StopLeading>
  /** How often a follower tries to take over. */
  readonly retryMs: number
  readonly logger: MattermostLogger
}

export interface Leadership {
  isLeader(): boolean
  close(): Promise<void>
}

/**
 * Runs `lead` in exactly one replica: the one holding the lock. The others try again every
 * `retryMs`, so when the leader dies (and the database drops its lock) another takes over. A leader
 * whose lock is lost (its database connection broke, its lease was taken) stops leading at once, as
 * another replica may lead now, and then tries again like the others. A `lead` that fails gives the
 * lock back.
 *
 * @example
 * const leadership = startLeadership({ locks: store, lockName: 'incident-kit/mattermost', lead, retryMs: 2000, logger })
 */
export const startLeadership = (options: LeadershipOptions): Leadership => {
  let stop: StopLeading | undefined
  let release: (() => Promise<void>) | undefined
  let closed = false
  let timer: NodeJS.Timeout | undefined
  let attempt: Promise<void> = Promise.resolve()

  /** Stops the side effects and gives the lock back (a lost one too: that frees its connection). */
  const stepDown = async () => {
    const [stopping, releasing] = [stop, release]
    stop = undefined
    release = undefined
    try {
      await stopping?.()
    } finally {
      await releasing?.().catch(() => undefined)
    }
  }
  const tryLead = async () => {
    if (closed || stop) return
    try {
      const lock = options.locks ? await options.locks.tryLock(options.lockName) : { release: async () => undefined }
      if (!lock) return
      if (closed) return void (await lock.release())
      release = () => lock.release()
      const leading = await options.lead().catch(async (error: unknown) => {
        await stepDown()
        throw error
      })
      stop = leading
      options.logger.info({ lock: options.lockName }, 'this replica leads: posting messages and managing channels')
      void lock.lost?.then(() => {
        if (closed || stop !== leading) return
        options.logger.warn({ lock: options.lockName }, 'this replica lost the lead (its lock is gone): stopping, then trying again')
        attempt = attempt.then(() => stepDown()).catch((error: unknown) => options.logger.error({ err: String(error) }, 'stopping after a lost lead failed')).then(schedule)
      })
    } catch (error) {
      options.logger.error({ err: String(error) }, 'could not take the lead; trying again')
    }
  }
  const schedule = () => {
    if (closed || stop) return
    timer = setTimeout(() => {
      attempt = tryLead().then(schedule)
    }, options.retryMs)
  }
  attempt = tryLead().then(schedule)

  return {
    isLeader: () => stop !== undefined,
    close: async () => {
      closed = true
      clearTimeout(timer)
      await attempt
      await stepDown()
    },
  }
}
