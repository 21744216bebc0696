import type { CheckpointStore } from '@incident-kit/core'
import type { MattermostLogger } from '../../client/index.js'

/** The checkpoint name under which the leader keeps up to when it has seen reactions. */
export const REACTIONS_SEEN_UNTIL = 'mattermost-reactions-seen-until'

/** Up to when, durably, every trigger reaction was handled: the next leader looks for later ones. */
export interface ReactionsSeenUntil {
  /** The saved time (epoch ms), or `undefined` when none was ever saved or it is unreadable. */
  load(): Promise<number | undefined>
  /** Saves in call order; a failed save is logged, and the next one tries again. */
  save(time: number): void
  /** Waits for the saves asked for so far. */
  settled(): Promise<void>
}

/**
 * Keeps the time in the bot's `CheckpointStore` as an ISO timestamp, beside the delivery
 * checkpoints of the same database, so that every replica reads what the last leader saved.
 *
 * @example
 * const seen = reactionsSeenUntil(checkpoints, logger)
 * seen.save(Date.now()); await seen.settled()
 * await seen.load() // that time
 */
export const reactionsSeenUntil = (checkpoints: CheckpointStore, logger: MattermostLogger): ReactionsSeenUntil => {
  let saving: Promise<void> = Promise.resolve()
  return {
    load: async () => {
      const saved = await checkpoints.load(REACTIONS_SEEN_UNTIL)
      if (saved === undefined) return undefined
      const time = Date.parse(saved)
      if (Number.isNaN(time)) logger.warn({ saved }, 'unreadable time up to which reactions were seen: treated as none')
      return Number.isNaN(time) ? undefined : time
    },
    save: (time) => {
      saving = saving
        .then(() => checkpoints.save(REACTIONS_SEEN_UNTIL, new Date(time).toISOString()))
        .catch((error: unknown) => logger.warn({ err: String(error) }, 'could not save up to when reactions were seen'))
    },
    settled: () => saving,
  }
}
