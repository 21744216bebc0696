import { isMattermostUnavailable } from '../../client/index.js'

/** Phrases, for `asking` what Mattermost could not answer, the request to try again. */
export type TryAgain = (asking: string) => string

const tryAgain: TryAgain = (asking) => `Mattermost cannot ${asking} right now; try again in a moment`

/**
 * Asks Mattermost something while a person waits for the bot's reply. When Mattermost cannot answer
 * (down, or slower than such a request may take), nothing is guessed: the answer is what
 * `whenUnavailable` makes of the words asking them to try again, as the command is safe to repeat.
 * Any other failure is thrown.
 *
 * @example
 * const admin = await askMattermost(isTeamAdmin(deps.requestApi, teamId, userId), (tryAgain) => warning(`${tryAgain('confirm that you are an admin of this team')}.`))
 * if (typeof admin !== 'boolean') return admin // ':warning: Mattermost cannot confirm that you are an admin of this team right now; try again in a moment.'
 */
export const askMattermost = async <T, U>(question: Promise<T>, whenUnavailable: (tryAgain: TryAgain) => U | Promise<U>): Promise<T | U> => {
  try {
    return await question
  } catch (error) {
    if (!isMattermostUnavailable(error)) throw error
    return whenUnavailable(tryAgain)
  }
}
