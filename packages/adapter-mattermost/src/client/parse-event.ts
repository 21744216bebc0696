import type { MattermostBroadcast, MattermostEvent } from './events.js'
import type { MattermostPost, MattermostReaction } from './types.js'

/** One server → client WebSocket frame (an event; replies carry `seq_reply` instead). */
export interface WebSocketFrame {
  readonly event: string
  readonly data?: Readonly<Record<string, unknown>>
  readonly broadcast?: Partial<MattermostBroadcast>
  readonly seq: number
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '')

/** Values Mattermost sends as strings containing JSON (`post`, `reaction`); `undefined` if unreadable. */
const nestedJson = <T>(value: unknown): T | undefined => {
  if (typeof value === 'object' && value !== null) return value as T
  if (typeof value !== 'string') return undefined
  try {
    return JSON.parse(value) as T
  } catch {
    return undefined
  }
}

/**
 * Turns a raw frame into the bot's view of it: nested JSON parsed, ids flattened. Frames that
 * lack what their type needs become `other`, so a surprising server never crashes the stream.
 *
 * @example
 * parseEvent({ event: 'user_added', data: { user_id: 'u', team_id: 't' }, broadcast: { channel_id: 'c' }, seq: 3 })
 * // { type: 'user_added', channelId: 'c', userId: 'u', teamId: 't', seq: 3 }
 */
export const parseEvent = (frame: WebSocketFrame): MattermostEvent => {
  const data = frame.data ?? {}
  const broadcast: MattermostBroadcast = {
    user_id: text(frame.broadcast?.user_id),
    channel_id: text(frame.broadcast?.channel_id),
    team_id: text(frame.broadcast?.team_id),
  }
  const other: MattermostEvent = { type: 'other', event: frame.event, data, broadcast, seq: frame.seq }
  switch (frame.event) {
    case 'user_added':
      return { type: 'user_added', channelId: broadcast.channel_id, userId: text(data.user_id), teamId: text(data.team_id), seq: frame.seq }
    case 'user_removed':
      return {
        type: 'user_removed',
        channelId: broadcast.channel_id || text(data.channel_id),
        userId: text(data.user_id) || broadcast.user_id,
        removerId: text(data.remover_id),
        seq: frame.seq,
      }
    case 'reaction_added':
    case 'reaction_removed': {
      const reaction = nestedJson<MattermostReaction>(data.reaction)
      return reaction === undefined ? other : { type: frame.event, channelId: broadcast.channel_id, reaction, seq: frame.seq }
    }
    case 'posted':
    case 'post_edited': {
      const post = nestedJson<MattermostPost>(data.post)
      return post === undefined ? other : { type: frame.event, channelId: broadcast.channel_id || post.channel_id, post, seq: frame.seq }
    }
    default:
      return other
  }
}
