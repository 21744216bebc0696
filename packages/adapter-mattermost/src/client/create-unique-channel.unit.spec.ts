import { describe, expect, it } from 'vitest'
import { CHANNEL_EXISTS_ERROR_ID, createUniqueChannel, type WireNewChannel } from './create-unique-channel.js'
import { MATTERMOST_UNAVAILABLE, MattermostRequestError, MattermostUnavailableError } from './errors.js'
import type { MattermostChannel } from './types.js'

const NOW = 1_700_000_000_000
const BOT = 'bot-user'
const lost = () => new MattermostUnavailableError(MATTERMOST_UNAVAILABLE, 'POST /channels: no answer within 1000 ms', 1, 0)
const exists = () => new MattermostRequestError(400, CHANNEL_EXISTS_ERROR_ID, 'POST', '/channels', 'exists')

/** A team whose server keeps what `create` sent even when the answer is lost. */
const team = (existing: MattermostChannel[], answer: (wire: WireNewChannel) => 'ok' | 'lost-after-saving' | 'down') => {
  const channels = [...existing]
  const sent: string[] = []
  const creator = {
    create: async (wire: WireNewChannel) => {
      sent.push(wire.name)
      const outcome = answer(wire)
      if (outcome === 'down') throw lost()
      if (channels.some((channel) => channel.name === wire.name)) throw exists()
      const channel = { ...wire, id: `id-${wire.name}`, creator_id: BOT, create_at: NOW + 500, delete_at: 0 }
      channels.push(channel)
      if (outcome === 'lost-after-saving') throw lost()
      return channel
    },
    findByName: async (_teamId: string, name: string) => channels.find((channel) => channel.name === name),
    creatorId: async () => BOT,
    now: () => NOW,
  }
  return { creator, sent, channels }
}

const options = { teamId: 't1', displayName: 'DB down' }

describe('creating a channel under a free handle', () => {
  it('takes a channel whose creation answer was lost as its own instead of creating a second one', async () => {
    const { creator, sent, channels } = team([], () => 'lost-after-saving')
    await expect(createUniqueChannel(options, creator)).resolves.toMatchObject({ id: 'id-db-down', name: 'db-down' })
    expect(sent).toEqual(['db-down'])
    expect(channels).toHaveLength(1)
  })

  it('moves on when the handle read back after a lost answer belongs to an older namesake', async () => {
    const older = { id: 'old', team_id: 't1', name: 'db-down', display_name: 'DB down', type: 'P' as const, creator_id: BOT, create_at: NOW - 86_400_000, delete_at: 0 }
    const { creator, sent } = team([older], (wire) => (wire.name === 'db-down' ? 'down' : 'ok'))
    await expect(createUniqueChannel(options, creator)).resolves.toMatchObject({ name: 'db-down-2' })
    expect(sent).toEqual(['db-down', 'db-down-2'])
  })

  it('throws the lost answer when the server has no such channel after all', async () => {
    const { creator, sent } = team([], () => 'down')
    await expect(createUniqueChannel(options, creator)).rejects.toMatchObject({ code: MATTERMOST_UNAVAILABLE })
    expect(sent).toEqual(['db-down'])
  })
})
