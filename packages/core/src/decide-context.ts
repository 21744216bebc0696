import type { PlaybookState } from './playbook/playbook-state.js'

/**
 * What `decide` may know besides the command and the state: the time, who acts, a source of fresh
 * ids, and the playbook a new incident starts from (loaded by the handler). Injected so that the
 * same inputs always give the same events.
 */
export interface DecideContext {
  /** Now, as an ISO-8601 UTC timestamp. */
  readonly now: string
  readonly actorId: string
  readonly newId: () => string
  readonly playbook?: PlaybookState
}
