import type { MattermostLogger } from '../../client/index.js'

/** A lock that at most one replica holds: adapter-sql's `SqlEventStore` offers one on PostgreSQL. */
export interface BotLocks {
  tryLock(name: string): Promise<{ release(): Promise<void> } | undefined>
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
 * `retryMs`, so when the leader dies (and the database drops its lock) another takes over.
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

  const tryLead = async () => {
    if (closed || stop) return
    try {
      const lock = options.locks ? await options.locks.tryLock(options.lockName) : { release: async () => undefined }
      if (!lock) return
      if (closed) return void (await lock.release())
      release = () => lock.release()
      stop = await options.lead()
      options.logger.info({ lock: options.lockName }, 'this replica leads: posting messages and managing channels')
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
      await stop?.()
      await release?.()
    },
  }
}
