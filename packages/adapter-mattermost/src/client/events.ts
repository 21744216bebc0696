import type { MattermostPost, MattermostReaction } from './types.js'

/**
 * WebSocket events as the bot sees them: JSON-in-JSON fields (`post`, `reaction`) already parsed,
 * broadcast ids flattened. Events the bot has no use for arrive as `other` with the raw data.
 */
export type MattermostEvent =
  | {
      readonly type: 'user_added'
      readonly channelId: string
      readonly userId: string
      readonly teamId: string
      readonly seq: number
    }
  | {
      readonly type: 'user_removed'
      readonly channelId: string
      readonly userId: string
      readonly removerId: string
      readonly seq: number
    }
  | {
      readonly type: 'reaction_added' | 'reaction_removed'
      readonly channelId: string
      readonly reaction: MattermostReaction
      readonly seq: number
    }
  | {
      readonly type: 'posted' | 'post_edited'
      readonly channelId: string
      readonly post: MattermostPost
      readonly seq: number
    }
  | {
      readonly type: 'other'
      readonly event: string
      readonly data: Readonly<Record<string, unknown>>
      readonly broadcast: MattermostBroadcast
      readonly seq: number
    }

export interface MattermostBroadcast {
  readonly user_id: string
  readonly channel_id: string
  readonly team_id: string
}

/**
 * Callbacks of an event stream; `onResync` fires after a reconnect that may have missed events, in
 * order with them; the stream does not wait for a promise it returns before the next event.
 */
export interface MattermostEventStreamOptions {
  readonly onEvent: (event: MattermostEvent) => void | Promise<void>
  readonly onResync?: () => void | Promise<void>
  readonly onStatus?: (status: MattermostEventStreamStatus) => void
}

export type MattermostEventStreamStatus = 'connecting' | 'connected' | 'disconnected' | 'closed'

/** A live subscription; reconnects by itself until `close()`. */
export interface MattermostEventStream {
  readonly status: () => MattermostEventStreamStatus
  /** Resolves once the first `hello` arrived (authenticated), rejects if closed before. */
  readonly ready: () => Promise<void>
  readonly close: () => void
}
