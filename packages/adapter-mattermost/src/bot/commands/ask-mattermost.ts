import { isMattermostUnavailable, type CommandResponse } from '../../client/index.js'
import { warning } from './replies.js'

/**
 * The words for a question Mattermost cannot answer now: the command is safe to repeat, so the
 * person is asked to try again.
 *
 * @example
 * mattermostCannot('look up @bob') // 'Mattermost cannot look up @bob right now; try again in a moment'
 */
export const mattermostCannot = (asking: string) => `Mattermost cannot ${asking} right now; try again in a moment`

/**
 * Those words as the bot's reply.
 *
 * @example
 * tryAgainWarning(mattermostCannot('look up @bob')) // ':warning: Mattermost cannot look up @bob right now; try again in a moment.'
 */
export const tryAgainWarning = (words: string) => warning(`${words}.`)

/**
 * Asks Mattermost something while a person waits for the bot's reply. When Mattermost cannot answer
 * (down, or slower than such a request may take), nothing is guessed: the answer is what
 * `whenUnavailable` makes of the words saying that Mattermost cannot do the `asking` right now and
 * asking to try again, as the command is safe to repeat. Any other failure is thrown.
 *
 * @example
 * const id = await askMattermost(deps.names.idOf('bob'), 'look up @bob', tryAgainWarning)
 * if (typeof id === 'object') return id // ':warning: Mattermost cannot look up @bob right now; try again in a moment.'
 */
export const askMattermost = async <T, U>(
  question: Promise<T>,
  asking: string,
  whenUnavailable: (text: string) => U | Promise<U>,
): Promise<T | U> => {
  try {
    return await question
  } catch (error) {
    if (!isMattermostUnavailable(error)) throw error
    return whenUnavailable(mattermostCannot(asking))
  }
}

/**
 * A yes/no question to Mattermost that decides whether a command may go on: `undefined` when the
 * answer is yes, the `refusal` when no, and a request to try again when Mattermost cannot answer.
 *
 * @example
 * const refused = await allowedIf(isTeamAdmin(deps.requestApi, teamId, userId), 'confirm that you are an admin of this team', async () => warning('Only a team admin can do that.'))
 * // ':warning: Mattermost cannot confirm that you are an admin of this team right now; try again in a moment.' while Mattermost is down
 */
export const allowedIf = async (
  question: Promise<boolean>,
  asking: string,
  refusal: () => CommandResponse | Promise<CommandResponse>,
): Promise<CommandResponse | undefined> => {
  const allowed = await askMattermost(question, asking, tryAgainWarning)
  if (typeof allowed !== 'boolean') return allowed
  return allowed ? undefined : refusal()
}
