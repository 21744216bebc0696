/** A slash command request as Mattermost sends it (form fields, GUIDE §4.2). */
export interface SlashRequest {
  readonly teamId: string
  readonly teamDomain: string
  readonly channelId: string
  readonly userId: string
  readonly userName: string
  readonly text: string
  readonly triggerId: string | undefined
  /** Where a result that comes after the first reply is sent (`{site}/hooks/commands/<id>`). */
  readonly responseUrl: string | undefined
  /** Usernames (lower case) to ids, from the parallel `user_mentions` / `user_mentions_ids` lists. */
  readonly mentions: Readonly<Record<string, string>>
  /** Every field, for hashing a delivery that carries no trigger id. */
  readonly fields: readonly (readonly [string, string])[]
}

const REQUIRED_SLASH_FIELDS = ['team_id', 'channel_id', 'user_id'] as const

/**
 * Text a user typed, as the log can keep it: NUL characters dropped and UTF-16 surrogates without
 * their pair replaced by U+FFFD. The store refuses both (PostgreSQL cannot hold them); a user who
 * pasted one should get their command done, not an error.
 *
 * @example
 * typedText('Database\u0000 down') // 'Database down'
 */
export const typedText = (value: string) => value.replaceAll('\u0000', '').toWellFormed()

/**
 * Reads a slash request from its form fields; `undefined` when a required field is missing.
 *
 * @example
 * decodeSlashRequest(new URLSearchParams(rawBody))
 */
export const decodeSlashRequest = (params: URLSearchParams): SlashRequest | undefined => {
  if (REQUIRED_SLASH_FIELDS.some((field) => !params.get(field))) return undefined
  const names = params.getAll('user_mentions')
  const ids = params.getAll('user_mentions_ids')
  const mentions = Object.fromEntries(names.flatMap((name, i) => (ids[i] ? [[name.replace(/^@/, '').toLowerCase(), ids[i]!] as const] : [])))
  return {
    teamId: params.get('team_id')!,
    teamDomain: params.get('team_domain') ?? '',
    channelId: params.get('channel_id')!,
    userId: params.get('user_id')!,
    userName: params.get('user_name') ?? '',
    text: typedText(params.get('text') ?? ''),
    triggerId: params.get('trigger_id') || undefined,
    responseUrl: params.get('response_url') || undefined,
    mentions,
    fields: [...params.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  }
}

/** A button click relayed by Mattermost (GUIDE §5). Its `team_id` is not read: a button acts on its incident's team. */
export interface ActionRequest {
  readonly userId: string
  readonly userName: string
  readonly channelId: string
  readonly postId: string
  readonly triggerId: string | undefined
  readonly context: unknown
}

/**
 * A dialog submission or cancellation (GUIDE §6.3). Its `team_id` is not read: the team comes from
 * the signed state (start) or from the incident, never from what the sender wrote.
 */
export interface DialogRequest {
  readonly callbackId: string
  readonly state: string
  readonly userId: string
  readonly channelId: string
  readonly cancelled: boolean
  readonly submission: Readonly<Record<string, unknown>>
}

const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
const text = (value: unknown) => (typeof value === 'string' ? value : '')

/**
 * Reads a click body; `undefined` unless it names the user and the channel.
 *
 * @example
 * const click = decodeActionRequest(request.body)
 */
export const decodeActionRequest = (body: unknown): ActionRequest | undefined => {
  const b = record(body)
  if (!b || !text(b.user_id) || !text(b.channel_id)) return undefined
  return {
    userId: text(b.user_id),
    userName: text(b.user_name),
    channelId: text(b.channel_id),
    postId: text(b.post_id),
    triggerId: text(b.trigger_id) || undefined,
    context: b.context,
  }
}

/**
 * Reads a dialog body; `undefined` unless it names the user, the channel and the state.
 *
 * @example
 * const submission = decodeDialogRequest(request.body)
 */
export const decodeDialogRequest = (body: unknown): DialogRequest | undefined => {
  const b = record(body)
  if (!b || !text(b.user_id) || !text(b.channel_id)) return undefined
  return {
    callbackId: text(b.callback_id),
    state: text(b.state),
    userId: text(b.user_id),
    channelId: text(b.channel_id),
    cancelled: b.cancelled === true,
    submission: record(b.submission) ?? {},
  }
}

/**
 * A submitted field as text: blanks, `null` and missing fields are `undefined`.
 *
 * @example
 * submitted({ name: ' DB down ', severity: null }, 'name') // 'DB down'
 */
export const submitted = (submission: Readonly<Record<string, unknown>>, name: string): string | undefined => {
  const value = submission[name]
  const asText = typeof value === 'string' ? typedText(value) : typeof value === 'number' ? String(value) : undefined
  return asText === undefined || asText.trim() === '' ? undefined : asText.trim()
}
