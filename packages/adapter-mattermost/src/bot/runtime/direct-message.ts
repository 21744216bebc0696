import type { MattermostApi } from '../../client/index.js'

/**
 * Posts a message to a person in the bot's direct channel with them (opened, or found, first).
 *
 * @example
 * await sendDirectMessage(deps.api, userId, { message: 'Your click was not carried out after all: …' })
 */
export const sendDirectMessage = async (api: Pick<MattermostApi, 'getDirectChannel' | 'createPost'>, userId: string, post: Omit<Parameters<MattermostApi['createPost']>[0], 'channelId'>) => {
  const channel = await api.getDirectChannel(userId)
  return api.createPost({ ...post, channelId: channel.id })
}
