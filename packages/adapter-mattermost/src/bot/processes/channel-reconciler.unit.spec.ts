import * as E from 'fp-ts/lib/Either.js'
import { createCommandHandler, createInMemoryEventStore, manualClock, sequentialIds } from '@incident-kit/core'
import { describe, expect, it } from 'vitest'
import type { MattermostChannel, MattermostLogger, CreateChannelOptions } from '../../client/index.js'
import type { BotDeps } from '../runtime/bot-deps.js'
import { createChannelReconciler } from './channel-reconciler.js'

const BOT = 'bot-user'

/**
 * A reconciler over an in-memory store and a fake Mattermost in which the channel names in `taken`
 * belong to someone else's channels. Starts incident `i1`, "DB down", and returns its start event.
 */
const setUp = async (taken: readonly string[]) => {
  const store = createInMemoryEventStore()
  const handler = createCommandHandler({ store, clock: manualClock('2026-03-01T09:00:00.000Z'), ids: sequentialIds() })
  const channels = new Map<string, MattermostChannel>(taken.map((name) => [name, { id: `other-${name}`, name, creator_id: 'someone', purpose: '' } as MattermostChannel]))
  const lookups: string[] = []
  const errors: Array<Record<string, unknown> & { message?: string }> = []
  const logger: MattermostLogger = {
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: (fields, message) => void errors.push({ ...(fields as Record<string, unknown>), message }),
  }
  const api = {
    getChannelByName: async (_teamId: string, name: string) => {
      lookups.push(name)
      return channels.get(name)
    },
    // The reconciler names every channel it creates: the name is the one it looked up.
    createChannel: async ({ name = '', purpose }: CreateChannelOptions) => {
      const created = { id: `ours-${name}`, name, creator_id: BOT, purpose } as MattermostChannel
      channels.set(name, created)
      return created
    },
    addChannelMember: async () => undefined,
  }
  const deps = { api, handler, membership: { learn: () => undefined }, logger } as unknown as BotDeps
  const started = await handler.handle(
    { type: 'StartIncident', incidentId: 'i1', teamId: 't1', name: 'DB down', verbosity: 'all', broadcastChannelIds: [], checklists: [] },
    { commandId: 'c0', actorId: 'alice' },
  )
  if (E.isLeft(started)) throw new Error(started.left.message)
  const channelOfIncident = async () => {
    const loaded = await handler.loadIncident('i1')
    if (E.isLeft(loaded)) throw new Error(loaded.left.message)
    return loaded.right.channelId
  }
  return { reconcile: createChannelReconciler(deps, BOT), started: started.right[0]!, lookups, errors, channelOfIncident }
}

const takenNames = ['db-down', ...Array.from({ length: 19 }, (_, i) => `db-down-${i + 2}`)]

describe('createChannelReconciler', () => {
  it('links the first name not taken by someone else', async () => {
    const { reconcile, started, channelOfIncident } = await setUp(takenNames.slice(0, 2))
    await reconcile(started)
    expect(await channelOfIncident()).toBe('ours-db-down-3')
  })

  it('gives up on a channel at once when every name is taken: logged with the incident, not thrown to be retried', async () => {
    const { reconcile, started, lookups, errors, channelOfIncident } = await setUp(takenNames)
    await expect(reconcile(started)).resolves.toBeUndefined()
    expect(lookups).toEqual(takenNames)
    expect(errors).toEqual([expect.objectContaining({ incidentId: 'i1' })])
    expect(await channelOfIncident()).toBeNull()
  })
})
