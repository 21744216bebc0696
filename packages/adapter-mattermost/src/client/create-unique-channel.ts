import { channelNameWithSuffix, toChannelName } from './channel-name.js'
import { MATTERMOST_CHANNEL_NAME_TAKEN, MattermostUsageError, isMattermostRequestError } from './errors.js'
import type { CreateChannelOptions } from './mattermost-api.js'
import type { MattermostChannel } from './types.js'

/** The AppError id Mattermost answers when a team already has (or had, archived) the handle. */
export const CHANNEL_EXISTS_ERROR_ID = 'store.sql_channel.save_channel.exists.app_error'
const DEFAULT_MAX_NAME_ATTEMPTS = 20
const DISPLAY_NAME_MAX_LENGTH = 64

export interface WireNewChannel {
  readonly team_id: string
  readonly name: string
  readonly display_name: string
  readonly type: 'O' | 'P'
  readonly purpose?: string
  readonly header?: string
}

/**
 * Creates a channel under the first free handle among `name`, `name-2`, `name-3`, …; only the
 * "name exists" answer moves on to the next candidate, every other failure is thrown as is.
 *
 * @example
 * await createUniqueChannel({ teamId, displayName: 'DB down' }, (c) => client.createChannel(c))
 */
export const createUniqueChannel = async (
  options: CreateChannelOptions,
  create: (channel: WireNewChannel) => Promise<MattermostChannel>,
): Promise<MattermostChannel> => {
  const base = toChannelName(options.name ?? options.displayName)
  const maxAttempts = Math.max(1, options.maxNameAttempts ?? DEFAULT_MAX_NAME_ATTEMPTS)
  const displayName = [...options.displayName.trim()].slice(0, DISPLAY_NAME_MAX_LENGTH).join('') || base
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    const name = attempt === 1 ? base : channelNameWithSuffix(base, attempt)
    try {
      return await create({
        team_id: options.teamId,
        name,
        display_name: displayName,
        type: options.private === false ? 'O' : 'P',
        ...(options.purpose === undefined ? {} : { purpose: options.purpose }),
        ...(options.header === undefined ? {} : { header: options.header }),
      })
    } catch (error) {
      if (!isMattermostRequestError(error, 400, CHANNEL_EXISTS_ERROR_ID)) throw error
    }
  }
  throw new MattermostUsageError(
    MATTERMOST_CHANNEL_NAME_TAKEN,
    `channel names ${base} to ${channelNameWithSuffix(base, maxAttempts)} are all taken in team ${options.teamId}`,
  )
}
