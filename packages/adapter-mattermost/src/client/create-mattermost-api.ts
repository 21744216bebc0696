import type { MattermostApi, MattermostApiOptions } from './mattermost-api.js'

/**
 * Builds the Mattermost API wrapper on `@mattermost/client` (implementation in progress).
 *
 * @example
 * const api = createMattermostApi({ url: 'https://chat.example.com', token: process.env.MATTERMOST_BOT_TOKEN! })
 * const me = await api.getMe()
 */
export const createMattermostApi = (options: MattermostApiOptions): MattermostApi => {
  throw new Error(`createMattermostApi(${options.url}): not implemented yet`)
}
