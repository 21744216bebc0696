import { createHmac } from 'node:crypto'
import { Verbosity } from '@incident-kit/core'
import { givenSetting, required, settingError, type BotSettingsFlags, type GivenSetting } from './given-setting.js'
import { parseSlashTokenBindings, type SlashTokenBinding } from './slash-token-bindings.js'

export { BotSettingsError, INVALID_BOT_SETTING } from './bot-settings-error.js'
export type { BotSettingsFlags } from './given-setting.js'
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

export const DEFAULT_PORT = 3000
export const DEFAULT_TRIGGER = 'incident'
export const DEFAULT_REACTION_EMOJI = 'rotating_light'

const TRIGGER_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,127}$/
const EMOJI_PATTERN = /^[a-z0-9_+-]{1,64}$/

const httpUrl = (setting: GivenSetting): string => {
  const value = required(setting)
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw settingError(setting, 'is not a URL (expected http:// or https://)')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw settingError(setting, `must use http or https, not ${url.protocol}`)
  if (url.search !== '' || url.hash !== '') throw settingError(setting, 'must not carry a query or fragment')
  return url.toString().replace(/\/+$/, '')
}

const portNumber = (setting: GivenSetting): number => {
  const { value } = setting
  if (value === undefined) return DEFAULT_PORT
  const port = Number(value)
  if (!/^\d+$/.test(value) || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw settingError(setting, `must be a whole number from 1 to 65535, got ${JSON.stringify(value)}`)
  }
  return port
}

const triggerWord = (setting: GivenSetting): string => {
  const trigger = (setting.value ?? DEFAULT_TRIGGER).replace(/^\//, '').toLowerCase()
  if (!TRIGGER_PATTERN.test(trigger)) {
    throw settingError(setting, 'must be one word of letters, digits, "-", "_" or "." (at most 128 characters)')
  }
  return trigger
}

const teamVerbosity = (setting: GivenSetting): TeamVerbosity => {
  const result: { default: Verbosity; byTeam: Record<string, Verbosity> } = { default: 'all', byTeam: {} }
  for (const entry of (setting.value ?? '').split(',').map((e) => e.trim()).filter(Boolean)) {
    const [team, level] = entry.includes('=') ? entry.split('=', 2).map((p) => p.trim().toLowerCase()) : [undefined, entry.toLowerCase()]
    const verbosity = Verbosity.is(level) ? level : undefined
    if (!verbosity || team === '') throw settingError(setting, `"${entry}" is not all, key, assignees, or team=all|key|assignees`)
    if (team === undefined) result.default = verbosity
    else result.byTeam[team] = verbosity
  }
  return result
}

/** An HMAC-SHA256 key of at least 32 characters (128 bits as hex): shorter ones can be guessed offline from one signed button. */
const MIN_SIGNING_SECRET_LENGTH = 32

const signingSecretOf = (setting: GivenSetting, botToken: string): string => {
  const { value } = setting
  if (value === undefined) return createHmac('sha256', botToken).update('incident-kit/action-context/v1').digest('hex')
  if (value.length < MIN_SIGNING_SECRET_LENGTH) {
    throw settingError(
      setting,
      `must be at least ${MIN_SIGNING_SECRET_LENGTH} characters long (generate one with \`openssl rand -hex 32\`), or unset to derive it from the bot token`,
    )
  }
  return value
}

const emojiName = (setting: GivenSetting): string => {
  const name = (setting.value ?? DEFAULT_REACTION_EMOJI).replace(/^:|:$/g, '')
  if (!EMOJI_PATTERN.test(name)) throw settingError(setting, 'must be an emoji name such as rotating_light')
  return name
}

/**
 * Reads the bot's settings from the environment and the CLI's flags (flags win). Throws a
 * `BotSettingsError` (code `INVALID_BOT_SETTING`) naming the first missing or malformed setting as
 * it was given (`--port: …` for a flag, `PORT: …` for the variable); secrets are never part of the
 * message. Registering the slash command (`--register`) is what gives Mattermost's slash token, so
 * `{ requireSlashToken: false }` accepts its absence (an empty list).
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
  const given = (key: keyof BotSettingsFlags, variable: string) => givenSetting(flags, key, env, variable)
  const mattermostUrl = httpUrl(given('mattermostUrl', 'MATTERMOST_URL'))
  const botTokenSetting = given('botToken', 'MATTERMOST_BOT_TOKEN')
  const botToken = required(botTokenSetting)
  if (/\s/.test(botToken)) throw settingError(botTokenSetting, 'must not contain spaces')
  const slashTokenSetting = given('slashToken', 'MATTERMOST_SLASH_TOKEN')
  const slashTokens =
    slashTokenSetting.value === undefined && !requireSlashToken ? [] : parseSlashTokenBindings(slashTokenSetting)
  const port = portNumber(given('port', 'PORT'))
  const publicUrl = httpUrl(given('publicUrl', 'PUBLIC_URL'))
  const trigger = triggerWord(given('trigger', 'INCIDENT_TRIGGER'))
  const reactionEmoji = emojiName(given('reactionEmoji', 'INCIDENT_REACTION_EMOJI'))
  const signingSecret = signingSecretOf(given('signingSecret', 'INCIDENT_KIT_SIGNING_SECRET'), botToken)
  const verbosity = teamVerbosity(given('verbosity', 'INCIDENT_VERBOSITY'))
  return { mattermostUrl, botToken, slashTokens, port, publicUrl, trigger, reactionEmoji, signingSecret, verbosity }
}
