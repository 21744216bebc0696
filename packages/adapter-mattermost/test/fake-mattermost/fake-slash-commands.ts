import type { CommandResponse, MattermostCommand } from '../../src/client/index.js'
import { applyCommandResponse, readCommandReply, type AppliedReply } from './fake-command-replies.js'
import { appError, ok, readBody, type FakeAnswer } from './fake-http.js'
import { newId } from './fake-ids.js'
import type { FakeEventSink } from './fake-route.js'
import { isTeamMember, type FakeState } from './fake-state.js'
import type { IncomingMessage } from 'node:http'

export const RESPONSE_URL_PREFIX = '/hooks/commands/'
const RESPONSE_URL_MAX_USES = 5
const RESPONSE_URL_LIFETIME_MS = 30 * 60 * 1000
const COMMAND_TIMEOUT_MS = 30_000
const USER_AGENT = 'Mattermost-Bot/1.1'

/** What the fake needs to play Mattermost towards the bot. */
export interface FakeCaller {
  readonly state: FakeState
  readonly siteUrl: () => string
  readonly now: () => number
  readonly emit: FakeEventSink
}

export interface SlashCommandOptions {
  readonly userId: string
  readonly channelId: string
  /** Everything after the trigger, e.g. `start DB down`. */
  readonly text: string
  /** Default: the only (or first) command registered in the channel's team. */
  readonly trigger?: string
  /** Send this instead of the command's token: a forged request. */
  readonly token?: string
}

export interface SlashCommandOutcome extends AppliedReply {
  readonly status: number
  readonly contentType: string | null
  readonly rawBody: string
  readonly response: CommandResponse | undefined
  readonly triggerId: string
  readonly responseUrl: string
}

/** Mints a trigger id bound to the user, valid for the configured TTL (GUIDE §6.1). */
export const mintTrigger = (caller: FakeCaller, userId: string): string => {
  const triggerId = `trg${newId()}`
  caller.state.triggers.set(triggerId, { userId, mintedAt: caller.now() })
  return triggerId
}

const findCommand = (state: FakeState, teamId: string, trigger: string | undefined): MattermostCommand => {
  const commands = [...state.commands.values()].filter((command) => command.team_id === teamId && (trigger === undefined || command.trigger === trigger.replace(/^\//, '').toLowerCase()))
  const command = commands[0]
  if (command === undefined) throw new Error(`fake Mattermost: no slash command ${trigger ?? ''} registered in team ${teamId}`)
  return command
}

/** `user_mentions`/`channel_mentions` as the server adds them: repeated keys in parallel order. */
const appendMentions = (form: URLSearchParams, state: FakeState, teamId: string, text: string): void => {
  for (const match of text.matchAll(/@([a-z0-9._-]+)/gi)) {
    const user = [...state.users.values()].find((candidate) => candidate.username === match[1]?.toLowerCase())
    if (user !== undefined && isTeamMember(state, teamId, user.id)) {
      form.append('user_mentions', user.username)
      form.append('user_mentions_ids', user.id)
    }
  }
  for (const match of text.matchAll(/~([a-z0-9_-]+)/g)) {
    const channel = [...state.channels.values()].find((candidate) => candidate.team_id === teamId && candidate.type === 'O' && candidate.name === match[1])
    if (channel !== undefined) {
      form.append('channel_mentions', channel.name)
      form.append('channel_mentions_ids', channel.id)
    }
  }
}

/**
 * Sends the bot a slash command exactly as Mattermost does (GUIDE §4.2) and applies its reply.
 *
 * @example
 * const outcome = await sendSlashCommand(caller, { userId: alice.id, channelId: town.id, text: 'start DB down' })
 * outcome.ephemeral[0]?.message
 */
export const sendSlashCommand = async (caller: FakeCaller, options: SlashCommandOptions): Promise<SlashCommandOutcome> => {
  const { state } = caller
  const channel = state.channels.get(options.channelId)
  const user = state.users.get(options.userId)
  if (channel === undefined || user === undefined) throw new Error('fake Mattermost: unknown channel or user for a slash command')
  const team = state.teams.get(channel.team_id)
  const command = findCommand(state, channel.team_id, options.trigger)
  const token = options.token ?? command.token
  const triggerId = mintTrigger(caller, user.id)
  const responseId = newId()
  state.responseUrls.set(responseId, { userId: user.id, channelId: channel.id, createdAt: caller.now(), uses: 0 })
  const responseUrl = `${caller.siteUrl()}${RESPONSE_URL_PREFIX}${responseId}`
  const form = new URLSearchParams({
    token,
    team_id: channel.team_id,
    team_domain: team?.name ?? '',
    channel_id: channel.id,
    channel_name: channel.name,
    user_id: user.id,
    user_name: user.username,
    command: `/${command.trigger}`,
    text: options.text,
    trigger_id: triggerId,
    response_url: responseUrl,
  })
  appendMentions(form, state, channel.team_id, options.text)
  const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Token ${token}`, 'User-Agent': USER_AGENT }
  const isPost = command.method !== 'G'
  const url = isPost ? command.url : `${command.url}${command.url.includes('?') ? '&' : '?'}${form.toString()}`
  const answer = await fetch(url, {
    method: isPost ? 'POST' : 'GET',
    headers: isPost ? { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' } : headers,
    ...(isPost ? { body: form.toString() } : {}),
    signal: AbortSignal.timeout(COMMAND_TIMEOUT_MS),
  })
  const rawBody = await answer.text()
  const contentType = answer.headers.get('content-type')
  const base = { status: answer.status, contentType, rawBody, triggerId, responseUrl }
  if (answer.status !== 200) return { ...base, response: undefined, posts: [], ephemeral: [], error: `command failed with HTTP ${answer.status}` }
  const response = readCommandReply(contentType, rawBody)
  if (response === undefined) return { ...base, response, posts: [], ephemeral: [], error: 'empty or unreadable reply' }
  const applied = applyCommandResponse(response, { ...caller, now: caller.now(), userId: user.id, channelId: channel.id, via: 'command_reply' })
  return { ...base, response, ...applied }
}

/** `POST {site}/hooks/commands/{id}`: delayed replies, 5 uses within 30 minutes (GUIDE §4.4). */
export const handleResponseUrl = async (caller: FakeCaller, request: IncomingMessage, pathname: string): Promise<FakeAnswer> => {
  const id = pathname.slice(RESPONSE_URL_PREFIX.length)
  const entry = caller.state.responseUrls.get(id)
  const body = await readBody(request)
  if (request.method !== 'POST' || entry === undefined) return appError(404, 'web.command_webhook.invalid.app_error', 'Invalid webhook.')
  if (entry.uses >= RESPONSE_URL_MAX_USES || caller.now() - entry.createdAt > RESPONSE_URL_LIFETIME_MS) {
    return appError(400, 'app.command_webhook.try_use.invalid', 'Invalid webhook.')
  }
  entry.uses += 1
  const response = readCommandReply(request.headers['content-type'] ?? null, body)
  if (response === undefined) return appError(400, 'web.command_webhook.parse.app_error', 'Unable to parse incoming data.')
  const applied = applyCommandResponse(response, { ...caller, now: caller.now(), userId: entry.userId, channelId: entry.channelId, via: 'response_url' })
  return applied.error === undefined ? ok('OK') : appError(400, 'web.command_webhook.command.app_error', applied.error)
}
