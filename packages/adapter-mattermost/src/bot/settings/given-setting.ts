import { BotSettingsError } from './bot-settings-error.js'

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

/** One setting as the user gave it: by a flag, else by its environment variable. */
export interface GivenSetting {
  /** The environment variable: the setting's name whichever way it was given. */
  readonly variable: string
  /** What the user wrote the value as, the flag (`--port`) or the variable (`PORT`): errors name it. */
  readonly givenAs: string
  /** Trimmed; `undefined` when unset or blank. */
  readonly value: string | undefined
}

/* The CLI's option for each key is the key's long flag: commander camel-cases `--mattermost-url` to `mattermostUrl`. */
const flagOf = (key: keyof BotSettingsFlags) => `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`

/**
 * Reads one setting, the flag winning over the environment variable, and remembers which one gave
 * the value, so that an error names what the user has to correct.
 *
 * @example
 * givenSetting({ port: 'abc' }, 'port', { PORT: '8080' }, 'PORT') // { variable: 'PORT', givenAs: '--port', value: 'abc' }
 * givenSetting({}, 'port', { PORT: ' 8080 ' }, 'PORT') // { variable: 'PORT', givenAs: 'PORT', value: '8080' }
 */
export const givenSetting = (
  flags: BotSettingsFlags,
  key: keyof BotSettingsFlags,
  env: Readonly<Record<string, string | undefined>>,
  variable: string,
): GivenSetting => {
  const flag = flags[key]
  const value = (flag === undefined ? env[variable] : String(flag))?.trim()
  return { variable, givenAs: flag === undefined ? variable : flagOf(key), value: value === '' ? undefined : value }
}

/**
 * The error for a missing or malformed setting, naming the flag or the variable it came from.
 *
 * @example
 * throw settingError(port, 'must be a whole number from 1 to 65535') // "--port: must be …" when given as a flag
 */
export const settingError = (setting: GivenSetting, problem: string) => new BotSettingsError(setting.variable, problem, setting.givenAs)

/**
 * A setting's value, or the error that it is not set.
 *
 * @example
 * const botToken = required(botTokenSetting)
 */
export const required = (setting: GivenSetting): string => {
  if (setting.value === undefined) throw settingError(setting, 'is required but not set')
  return setting.value
}
