/**
 * The Mattermost wire shapes the incident bot reads and writes (server 11.x, snake_case as on the
 * wire). Deliberately narrower than `@mattermost/types`: only the fields the bot relies on are
 * required; the server may send more and they are kept as they come.
 */

/** `GET /users/{id}`; `is_bot` is true for the bot account itself. */
export interface MattermostUser {
  readonly id: string
  readonly username: string
  readonly email?: string
  readonly first_name?: string
  readonly last_name?: string
  readonly nickname?: string
  readonly roles?: string
  readonly is_bot?: boolean
  readonly locale?: string
  readonly create_at?: number
  readonly update_at?: number
  readonly delete_at?: number
}

/** `GET /teams/{id}`: `name` is the URL handle, `display_name` what people read. */
export interface MattermostTeam {
  readonly id: string
  readonly name: string
  readonly display_name: string
  readonly type?: 'O' | 'I'
  readonly create_at?: number
  readonly delete_at?: number
}

/**
 * `GET /teams/{team_id}/members/{user_id}`: `roles` is space-separated (`team_user team_admin`);
 * a user who left the team keeps a record with `delete_at` set.
 */
export interface MattermostTeamMember {
  readonly team_id: string
  readonly user_id: string
  readonly roles: string
  readonly delete_at?: number
  readonly scheme_user?: boolean
  readonly scheme_admin?: boolean
}

/** `O` public, `P` private, `D` direct, `G` group. */
export type MattermostChannelType = 'O' | 'P' | 'D' | 'G'

export interface MattermostChannel {
  readonly id: string
  readonly team_id: string
  readonly type: MattermostChannelType
  readonly name: string
  readonly display_name: string
  readonly purpose?: string
  readonly header?: string
  readonly creator_id?: string
  readonly create_at?: number
  readonly update_at?: number
  readonly delete_at?: number
}

export interface MattermostChannelMember {
  readonly channel_id: string
  readonly user_id: string
  readonly roles: string
  readonly last_viewed_at?: number
  readonly msg_count?: number
  readonly mention_count?: number
  readonly last_update_at?: number
}

/** A button or a select on a message attachment; `id` must be letters and digits only. */
export interface PostAction {
  readonly id?: string
  readonly type?: 'button' | 'select'
  readonly name: string
  readonly style?: 'default' | 'primary' | 'success' | 'good' | 'warning' | 'danger' | string
  readonly disabled?: boolean
  readonly tooltip?: string
  readonly data_source?: 'users' | 'channels'
  readonly options?: ReadonlyArray<{ readonly text: string; readonly value: string }>
  readonly default_option?: string
  /** Where Mattermost POSTs the click; `context` stays server-side (safe for an HMAC). */
  readonly integration?: { readonly url: string; readonly context?: Readonly<Record<string, unknown>> }
}

export interface MessageAttachmentField {
  readonly title?: string
  readonly value?: string | number | boolean
  readonly short?: boolean
}

/** Slack-compatible attachment; lives in `props.attachments` of a post. */
export interface MessageAttachment {
  readonly fallback?: string
  readonly color?: string
  readonly pretext?: string
  readonly author_name?: string
  readonly author_link?: string
  readonly author_icon?: string
  readonly title?: string
  readonly title_link?: string
  readonly text?: string
  readonly fields?: readonly MessageAttachmentField[]
  readonly image_url?: string
  readonly thumb_url?: string
  readonly footer?: string
  readonly footer_icon?: string
  readonly actions?: readonly PostAction[]
}

export type PostProps = Readonly<Record<string, unknown>> & {
  readonly attachments?: readonly MessageAttachment[]
}

/** Who reacted to a post with which emoji (`emoji_name` without colons). */
export interface MattermostReaction {
  readonly user_id: string
  readonly post_id: string
  readonly emoji_name: string
  readonly create_at: number
}

/** What the server adds to a post it reads back; `reactions` is absent when nobody reacted. */
export interface MattermostPostMetadata {
  readonly reactions?: readonly MattermostReaction[]
}

export interface MattermostPost {
  readonly id: string
  readonly channel_id: string
  readonly user_id: string
  readonly root_id: string
  readonly message: string
  readonly type: string
  readonly props: PostProps
  readonly is_pinned?: boolean
  readonly create_at: number
  readonly update_at: number
  readonly edit_at?: number
  readonly delete_at?: number
  readonly metadata?: MattermostPostMetadata
}

/** A custom slash command; `token` is what Mattermost sends back on every invocation. */
export interface MattermostCommand {
  readonly id: string
  readonly token: string
  readonly team_id: string
  readonly trigger: string
  readonly method: 'P' | 'G'
  readonly url: string
  readonly creator_id?: string
  readonly username?: string
  readonly icon_url?: string
  readonly auto_complete?: boolean
  readonly auto_complete_desc?: string
  readonly auto_complete_hint?: string
  readonly display_name?: string
  readonly description?: string
  readonly create_at?: number
  readonly update_at?: number
  readonly delete_at?: number
}

/** What a slash command, `response_url` or button click may answer (GUIDE §4.3). */
export interface CommandResponse {
  readonly response_type?: 'ephemeral' | 'in_channel'
  readonly text?: string
  readonly username?: string
  readonly icon_url?: string
  readonly channel_id?: string
  readonly goto_location?: string
  readonly attachments?: readonly MessageAttachment[]
  readonly props?: Readonly<Record<string, unknown>>
  readonly type?: string
  readonly extra_responses?: readonly CommandResponse[]
  readonly skip_slack_parsing?: boolean
}

export type DialogElementType = 'text' | 'textarea' | 'select' | 'bool' | 'radio' | 'date' | 'datetime'

/** An interactive dialog field (GUIDE §6.2: display_name ≤24, name ≤300, help_text ≤150). */
export interface DialogElement {
  readonly display_name: string
  readonly name: string
  readonly type: DialogElementType
  readonly subtype?: '' | 'text' | 'email' | 'number' | 'tel' | 'url' | 'password'
  readonly default?: string
  readonly placeholder?: string
  readonly help_text?: string
  readonly optional?: boolean
  readonly min_length?: number
  readonly max_length?: number
  readonly data_source?: 'users' | 'channels'
  readonly options?: ReadonlyArray<{ readonly text: string; readonly value: string }>
}

/** An interactive dialog (title ≤24 chars). `state` comes back verbatim on submit. */
export interface Dialog {
  readonly callback_id?: string
  readonly title: string
  readonly introduction_text?: string
  readonly icon_url?: string
  readonly submit_label?: string
  readonly notify_on_cancel?: boolean
  readonly state?: string
  readonly elements: readonly DialogElement[]
}
