import { postableMessage } from '../render/postable.js'
import type { BotDeps } from '../runtime/bot-deps.js'
import { sendDirectMessage } from '../runtime/direct-message.js'

/** The refusal's own mark is dropped: the message carries one already. */
const withoutMark = (refusal: string) => refusal.replace(/^:warning:\s*/, '')

/**
 * Tells a person, in a direct message from the bot, that their click or dialog submission was
 * refused after the bot had replied that it was being carried out. Mattermost lets a click's or a
 * submission's text be seen only in the reply itself, and the bot has no `create_post_ephemeral`
 * permission (it needs none): a direct message is how it reaches the person later, as it does for
 * reminders and assignments. Sent through the patient client: nobody waits on it. The refusal can
 * quote what the person typed (a title, a status), so it is made postable like every other post.
 *
 * @example
 * afterLateReply: (_reply, refusal) => tellLateRefusal(deps, request.userId, 'click', refusal)
 */
export const tellLateRefusal = async (deps: BotDeps, userId: string, what: string, refusal: string | undefined): Promise<void> => {
  if (refusal === undefined) return
  await sendDirectMessage(deps.api, userId, { message: postableMessage(`:warning: Your ${what} was not carried out after all: ${withoutMark(refusal)}`) })
}
