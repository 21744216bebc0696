import { required, settingError, type GivenSetting } from './given-setting.js'

/** Mattermost's team URL names and ids are both lower-case letters, digits and dashes (names also `_`). */
const TEAM_PATTERN = /^[a-z0-9_-]{1,64}$/
const TOKEN_PATTERN = /^[A-Za-z0-9]+$/
const ENTRY_FORM = 'write each entry as <team>=<token>, the team by its URL name or id (`incident-kit mattermost --register <team>` prints the entry)'

/**
 * One team's slash command: a request carrying its token may act in that team only. Each team's
 * command has its own token, and a team admin can read theirs, so a token alone must not open
 * every team.
 */
export interface SlashTokenBinding {
  /** The team's URL name (`ops`) or id, in lower case. */
  readonly team: string
  readonly token: string
}

/**
 * The `MATTERMOST_SLASH_TOKEN` entry of one team's command, as `--register` prints it.
 *
 * @example
 * slashTokenEntry('ops', 'k3x9…') // 'ops=k3x9…'
 */
export const slashTokenEntry = (team: string, token: string): string => `${team.toLowerCase()}=${token}`

const bindingOf = (entry: string, position: number, setting: GivenSetting): SlashTokenBinding => {
  const invalid = (problem: string) => settingError(setting, problem)
  if (entry === '') throw invalid('has an empty entry in its comma-separated list')
  const separator = entry.indexOf('=')
  if (separator === -1) throw invalid(`entry ${position} is a token without its team: ${ENTRY_FORM}`)
  const team = entry.slice(0, separator).trim().toLowerCase()
  const token = entry.slice(separator + 1).trim()
  if (!TEAM_PATTERN.test(team)) {
    throw invalid(`entry ${position}: before "=" comes a team's URL name or id (letters, digits, "-" or "_"); ${ENTRY_FORM}`)
  }
  if (!TOKEN_PATTERN.test(token)) {
    throw invalid(`entry ${position}: after "=" comes the command's token, letters and digits as Mattermost generates it`)
  }
  return { team, token }
}

/**
 * Reads `MATTERMOST_SLASH_TOKEN`: comma-separated `<team>=<token>` entries, one per team that
 * registered the command. A bare token is refused: the bot could not tell which team it may act in,
 * and so is a setting that is not set. Errors name what `setting` was given as (`--slash-token` or
 * the variable).
 *
 * @example
 * parseSlashTokenBindings(slashTokenSetting) // given as 'ops=k3x9…, dev=p7q2…': [{ team: 'ops', token: 'k3x9…' }, { team: 'dev', token: 'p7q2…' }]
 */
export const parseSlashTokenBindings = (setting: GivenSetting): SlashTokenBinding[] => {
  const bindings = required(setting).split(',').map((entry, index) => bindingOf(entry.trim(), index + 1, setting))
  const repeated = bindings.findIndex((binding, index) => bindings.findIndex((other) => other.token === binding.token) !== index)
  if (repeated !== -1) {
    throw settingError(setting, `entry ${repeated + 1} repeats the token of an earlier entry: a command's token belongs to one team, keep one entry for it`)
  }
  return bindings
}
