import { channelNameWithSuffix, toChannelName } from './channel-name.js'
import { MATTERMOST_CHANNEL_NAME_TAKEN, MattermostUsageError, isMattermostRequestError, isMattermostUnavailable } from './errors.js'
import type { CreateChannelOptions } from './mattermost-api.js'
import type { MattermostChannel } from './types.js'

/** The AppError id Mattermost answers when a team already has (or had, archived) the handle. */
export const CHANNEL_EXISTS_ERROR_ID = 'store.sql_channel.save_channel.exists.app_error'
const DEFAULT_MAX_NAME_ATTEMPTS = 20
const DISPLAY_NAME_MAX_LENGTH = 64
/** How far the server's clock may lag ours when judging that a channel was created by this call. */
const CLOCK_SKEW_MS = 60_000

export interface WireNewChannel {
  readonly team_id: string
  readonly name: string
  readonly display_name: string
  readonly type: 'O' | 'P'
  readonly purpose?: string
  readonly header?: string
}

/** The calls channel creation needs; `create` is never repeated after a lost answer. */
export interface ChannelCreator {
  readonly create: (channel: WireNewChannel) => Promise<MattermostChannel>
  /** Reads a handle back, archived channels included. */
  readonly findByName: (teamId: string, name: string) => Promise<MattermostChannel | undefined>
  /** The user `create` acts as. */
  readonly creatorId: () => Promise<string>
  readonly now: () => number
}

type Candidate = { readonly kind: 'ours'; readonly channel: MattermostChannel } | { readonly kind: 'taken' }

/**
 * Creates a channel under the first free handle among `name`, `name-2`, `name-3`, …; only a taken
 * handle moves on to the next candidate. When the answer is lost (timeout, 5xx), the handle is
 * read back: a channel this call made is returned, anyone else's counts as taken, and with no
 * channel there the failure is thrown.
 *
 * @example
 * await createUniqueChannel({ teamId, displayName: 'DB down' }, { create, findByName, creatorId, now: Date.now })
 */
export const createUniqueChannel = async (options: CreateChannelOptions, creator: ChannelCreator): Promise<MattermostChannel> => {
  const base = toChannelName(options.name ?? options.displayName)
  const maxAttempts = Math.max(1, options.maxNameAttempts ?? DEFAULT_MAX_NAME_ATTEMPTS)
  const displayName = [...options.displayName.trim()].slice(0, DISPLAY_NAME_MAX_LENGTH).join('') || base
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    const wire: WireNewChannel = {
      team_id: options.teamId,
      name: attempt === 1 ? base : channelNameWithSuffix(base, attempt),
      display_name: displayName,
      type: options.private === false ? 'O' : 'P',
      ...(options.purpose === undefined ? {} : { purpose: options.purpose }),
      ...(options.header === undefined ? {} : { header: options.header }),
    }
    const outcome = await tryCandidate(wire, creator)
    if (outcome.kind === 'ours') return outcome.channel
  }
  throw new MattermostUsageError(
    MATTERMOST_CHANNEL_NAME_TAKEN,
    `channel names ${base} to ${channelNameWithSuffix(base, maxAttempts)} are all taken in team ${options.teamId}`,
  )
}

const tryCandidate = async (wire: WireNewChannel, creator: ChannelCreator): Promise<Candidate> => {
  const since = creator.now() - CLOCK_SKEW_MS
  try {
    return { kind: 'ours', channel: await creator.create(wire) }
  } catch (error) {
    if (isMattermostRequestError(error, 400, CHANNEL_EXISTS_ERROR_ID)) return { kind: 'taken' }
    if (!isMattermostUnavailable(error)) throw error
    const found = await creator.findByName(wire.team_id, wire.name).catch(() => undefined)
    if (found === undefined) throw error
    return isMadeBy(found, wire, await creator.creatorId(), since) ? { kind: 'ours', channel: found } : { kind: 'taken' }
  }
}

/** The channel we asked for, by us, live, and no older than the request: not a namesake from before. */
const isMadeBy = (channel: MattermostChannel, wire: WireNewChannel, creatorId: string, since: number): boolean =>
  channel.creator_id === creatorId &&
  channel.display_name === wire.display_name &&
  channel.type === wire.type &&
  (channel.delete_at ?? 0) === 0 &&
  (channel.create_at ?? 0) >= since
