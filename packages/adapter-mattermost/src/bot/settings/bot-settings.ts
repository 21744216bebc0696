import { createHmac } from 'node:crypto'
import { Verbosity } from '@incident-kit/core'
import { BotSettingsError } from './bot-settings-error.js'
import { parseSlashTokenBindings, type SlashTokenBinding } from './slash-token-bindings.js'

export { BotSettingsError, INVALID_BOT_SETTING } from './bot-settings-error.js'
export type { SlashTokenBinding } from './slash-token-bindings.js'

/** Everything the bot needs to run, already validated. */
export interface BotSettings {
  /** Mattermost's site URL, without a trailing slash: `https://chat.example.com`. */
  readonly mattermostUrl: string
  /** The bot account's personal access token. Never logged. */
  readonly botToken: string
  /** The slash command tokens the bot accepts, each bound to the team that registered the command. */
  readonly slashTokens: readonly SlashTokenBinding[]
  readonly port: number
  /** Where Mattermost reaches the bot (buttons and dialogs call back here), without a trailing slash. */
  readonly publicUrl: string
  /** The slash command's trigger word, without the slash. */
  readonly trigger: string
  /** Reacting with this emoji (its name, without colons) on any post starts an incident from it. */
  readonly reactionEmoji: string
  /** The key that signs button and dialog contexts: derived from the bot token unless given. */
  readonly signingSecret: string
  /** How chatty the bot is for incidents whose playbook does not say: by team (name or id), else the default. */
  readonly verbosity?: TeamVerbosity
}

/** `INCIDENT_VERBOSITY`: a default and per-team values, e.g. `key,ops=all` (team URL names or ids). */
export interface TeamVerbosity {
  readonly default: Verbosity
  readonly byTeam: Readonly<Record<string, Verbosity>>
}

/** Flags as the CLI parses them; each overrides the environment variable of the same meaning. */
export interface BotSettingsFlags {
  readonly mattermostUrl?: string
  readonly botToken?: string
  readonly slashToken?: string
  readonly port?: string | number
  readonly publicUrl?: string
  readonly trigger?: string
  readonly reactionEmoji?: string
  readonly signingSecret?: string
  readonly verbosity?: string
}

export const DEFAULT_PORT = 3000
export const DEFAULT_TRIGGER = 'incident'
export const DEFAULT_REACTION_EMOJI = 'rotating_light'

const TRIGGER_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,127}$/
const EMOJI_PATTERN = /^[a-z0-9_+-]{1,64}$/

const pick = (flag: string | number | undefined, env: string | undefined): string | undefined => {
  const value = flag !== undefined ? String(flag) : env
  const trimmed = value?.trim()
  return trimmed === undefined || trimmed === '' ? undefined : trimmed
}

const required = (name: string, value: string | undefined): string => {
  if (value === undefined) throw new BotSettingsError(name, 'is required but not set')
  return value
}

const httpUrl = (name: string, value: string): string => {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new BotSettingsError(name, 'is not a URL (expected http:// or https://)')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new BotSettingsError(name, `must use http or https, not ${url.protocol}`)
  if (url.search !== '' || url.hash !== '') throw new BotSettingsError(name, 'must not carry a query or fragment')
  return url.toString().replace(/\/+$/, '')
}

const portNumber = (value: string | undefined): number => {
  if (value === undefined) return DEFAULT_PORT
  const port = Number(value)
  if (!/^\d+$/.test(value) || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new BotSettingsError('PORT', `must be a whole number from 1 to 65535, got ${JSON.stringify(value)}`)
  }
  return port
}

const triggerWord = (value: string | undefined): string => {
  const trigger = (value ?? DEFAULT_TRIGGER).replace(/^\//, '').toLowerCase()
  if (!TRIGGER_PATTERN.test(trigger)) {
    throw new BotSettingsError('INCIDENT_TRIGGER', 'must be one word of letters, digits, "-", "_" or "." (at most 128 characters)')
  }
  return trigger
}

const teamVerbosity = (value: string | undefined): TeamVerbosity => {
  const result: { default: Verbosity; byTeam: Record<string, Verbosity> } = { default: 'all', byTeam: {} }
  for (const entry of (value ?? '').split(',').map((e) => e.trim()).filter(Boolean)) {
    const [team, level] = entry.includes('=') ? entry.split('=', 2).map((p) => p.trim().toLowerCase()) : [undefined, entry.toLowerCase()]
    const verbosity = Verbosity.is(level) ? level : undefined
    if (!verbosity || team === '') throw new BotSettingsError('INCIDENT_VERBOSITY', `"${entry}" is not all, key, assignees, or team=all|key|assignees`)
    if (team === undefined) result.default = verbosity
    else result.byTeam[team] = verbosity
  }
  return result
}

/** An HMAC-SHA256 key of at least 32 characters (128 bits as hex): shorter ones can be guessed offline from one signed button. */
const MIN_SIGNING_SECRET_LENGTH = 32

const signingSecretOf = (given: string | undefined, botToken: string): string => {
  if (given === undefined) return createHmac('sha256', botToken).update('incident-kit/action-context/v1').digest('hex')
  if (given.length < MIN_SIGNING_SECRET_LENGTH) {
    throw new BotSettingsError(
      'INCIDENT_KIT_SIGNING_SECRET',
      `must be at least ${MIN_SIGNING_SECRET_LENGTH} characters long (generate one with \`openssl rand -hex 32\`), or unset to derive it from the bot token`,
    )
  }
  return given
}

const emojiName = (value: string | undefined): string => {
  const name = (value ?? DEFAULT_REACTION_EMOJI).replace(/^:|:$/g, '')
  if (!EMOJI_PATTERN.test(name)) throw new BotSettingsError('INCIDENT_REACTION_EMOJI', 'must be an emoji name such as rotating_light')
  return name
}

/**
 * Reads the bot's settings from the environment and the CLI's flags (flags win). Throws a
 * `BotSettingsError` (code `INVALID_BOT_SETTING`) naming the first missing or malformed setting;
 * secrets are never part of the message. Registering the slash command (`--register`) is what gives
 * Mattermost's slash token, so `{ requireSlashToken: false }` accepts its absence (an empty list).
 *
 * @example
 * const settings = parseBotSettings(process.env, { port: '8080' })
 * settings.slashTokens // [{ team: 'ops', token: 'abc123' }] from MATTERMOST_SLASH_TOKEN=ops=abc123
 */
export const parseBotSettings = (
  env: Readonly<Record<string, string | undefined>>,
  flags: BotSettingsFlags = {},
  { requireSlashToken = true }: { readonly requireSlashToken?: boolean } = {},
): BotSettings => {
  const mattermostUrl = httpUrl('MATTERMOST_URL', required('MATTERMOST_URL', pick(flags.mattermostUrl, env.MATTERMOST_URL)))
  const botToken = required('MATTERMOST_BOT_TOKEN', pick(flags.botToken, env.MATTERMOST_BOT_TOKEN))
  if (/\s/.test(botToken)) throw new BotSettingsError('MATTERMOST_BOT_TOKEN', 'must not contain spaces')
  const givenSlashTokens = pick(flags.slashToken, env.MATTERMOST_SLASH_TOKEN)
  const slashTokens =
    givenSlashTokens === undefined && !requireSlashToken ? [] : parseSlashTokenBindings(required('MATTERMOST_SLASH_TOKEN', givenSlashTokens))
  const port = portNumber(pick(flags.port, env.PORT))
  const publicUrl = httpUrl('PUBLIC_URL', required('PUBLIC_URL', pick(flags.publicUrl, env.PUBLIC_URL)))
  const trigger = triggerWord(pick(flags.trigger, env.INCIDENT_TRIGGER))
  const reactionEmoji = emojiName(pick(flags.reactionEmoji, env.INCIDENT_REACTION_EMOJI))
  const signingSecret = signingSecretOf(pick(flags.signingSecret, env.INCIDENT_KIT_SIGNING_SECRET), botToken)
  const verbosity = teamVerbosity(pick(flags.verbosity, env.INCIDENT_VERBOSITY))
  return { mattermostUrl, botToken, slashTokens, port, publicUrl, trigger, reactionEmoji, signingSecret, verbosity }
}
