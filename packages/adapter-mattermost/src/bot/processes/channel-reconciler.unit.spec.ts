import * as E from 'fp-ts/lib/Either.js'
import { createCommandHandler, createInMemoryCheckpointStore, createInMemoryEventStore, manualClock, sequentialIds } from '@incident-kit/core'
import { describe, expect, it } from 'vitest'
import { MATTERMOST_UNAVAILABLE, MattermostRequestError, MattermostUnavailableError } from '../../client/index.js'
import type { MattermostChannel, MattermostLogger, CreateChannelOptions } from '../../client/index.js'
import type { BotDeps } from '../runtime/bot-deps.js'
import { createChannelReconciler } from './channel-reconciler.js'
import { channelUnavailableKey, createChannelsGivenUp } from './channels-given-up.js'

const BOT = 'bot-user'

const refusal = (status: number, path: string) => new MattermostRequestError(status, 'api.channel.add_members.user_denied', 'POST', path, `HTTP ${status}`)
const unavailable = () => new MattermostUnavailableError(MATTERMOST_UNAVAILABLE, 'Mattermost unavailable', 6, undefined)

/**
 * A reconciler over an in-memory store and a fake Mattermost in which the channel names in `taken`
 * belong to someone else's channels. Starts incident `i1`, "DB down", reported by `alice` (or
 * `reporter`) with `alice` as commander, and returns its start event. `createFailures` and
 * `memberFailures` (by user) fail the next such requests, once each.
 */
const setUp = async (taken: readonly string[], options: { reporter?: string } = {}) => {
  const store = createInMemoryEventStore()
  const clock = manualClock('2026-03-01T09:00:00.000Z')
  const handler = createCommandHandler({ store, clock, ids: sequentialIds() })
  const checkpoints = createInMemoryCheckpointStore()
  const channels = new Map<string, MattermostChannel>(taken.map((name) => [name, { id: `other-${name}`, name, creator_id: 'someone', purpose: '' } as MattermostChannel]))
  const lookups: string[] = []
  const errors: Array<Record<string, unknown> & { message?: string }> = []
  const warnings: Array<Record<string, unknown> & { message?: string }> = []
  const createFailures: Error[] = []
  const memberFailures = new Map<string, Error>()
  const members: string[] = []
  const logger: MattermostLogger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (fields, message) => void warnings.push({ ...(fields as Record<string, unknown>), message }),
    error: (fields, message) => void errors.push({ ...(fields as Record<string, unknown>), message }),
  }
  const api = {
    getChannelByName: async (_teamId: string, name: string) => {
      lookups.push(name)
      return channels.get(name)
    },
    // The reconciler names every channel it creates: the name is the one it looked up.
    createChannel: async ({ name = '', purpose }: CreateChannelOptions) => {
      const failure = createFailures.shift()
      if (failure) throw failure
      const created = { id: `ours-${name}`, name, creator_id: BOT, purpose } as MattermostChannel
      channels.set(name, created)
      return created
    },
    addChannelMember: async (channelId: string, userId: string) => {
      const failure = memberFailures.get(userId)
      memberFailures.delete(userId)
      if (failure) throw failure
      members.push(`${channelId}/${userId}`)
    },
  }
  const deps = { api, handler, membership: { learn: () => undefined }, logger } as unknown as BotDeps
  const started = await handler.handle(
    { type: 'StartIncident', incidentId: 'i1', teamId: 't1', name: 'DB down', commanderId: 'alice', verbosity: 'all', broadcastChannelIds: [], checklists: [] },
    { commandId: 'c0', actorId: options.reporter ?? 'alice' },
  )
  if (E.isLeft(started)) throw new Error(started.left.message)
  const channelOfIncident = async () => {
    const loaded = await handler.loadIncident('i1')
    if (E.isLeft(loaded)) throw new Error(loaded.left.message)
    return loaded.right.channelId
  }
  const givenUp = createChannelsGivenUp(checkpoints, clock)
  return {
    reconcile: createChannelReconciler(deps, BOT, givenUp),
    started: started.right[0]!,
    lookups, errors, warnings, createFailures, memberFailures, members, checkpoints, channelOfIncident,
    /** What a restarted bot would read: a fresh memory over the same checkpoint store. */
    givenUpAfterRestart: () => createChannelsGivenUp(checkpoints, clock),
  }
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

  it('records giving up on the channel when every name is taken, in the checkpoint store a restarted bot reads', async () => {
    const { reconcile, started, checkpoints, givenUpAfterRestart } = await setUp(takenNames)
    await reconcile(started)
    expect(await checkpoints.load(channelUnavailableKey('i1'))).toBe('2026-03-01T09:00:00.000Z')
    expect(await givenUpAfterRestart().hasGivenUp('i1')).toBe(true)
  })

  it('gives up on the channel when Mattermost refuses to create it: logged with the incident and recorded, not thrown', async () => {
    const { reconcile, started, createFailures, errors, givenUpAfterRestart, channelOfIncident } = await setUp([])
    createFailures.push(refusal(403, '/api/v4/channels'))
    await expect(reconcile(started)).resolves.toBeUndefined()
    expect(errors).toEqual([expect.objectContaining({ incidentId: 'i1', err: expect.stringContaining('403') })])
    expect(await givenUpAfterRestart().hasGivenUp('i1')).toBe(true)
    expect(await channelOfIncident()).toBeNull()
  })

  it('does not give up on the channel while Mattermost is unavailable: thrown to be retried, nothing recorded', async () => {
    const { reconcile, started, createFailures, givenUpAfterRestart, channelOfIncident } = await setUp([])
    createFailures.push(unavailable())
    await expect(reconcile(started)).rejects.toThrow('Mattermost unavailable')
    expect(await givenUpAfterRestart().hasGivenUp('i1')).toBe(false)
    await reconcile(started)
    expect(await channelOfIncident()).toBe('ours-db-down')
  })

  it('adds the commander when Mattermost refuses to add the reporter, naming the reporter in a warning', async () => {
    const { reconcile, started, memberFailures, members, warnings } = await setUp([], { reporter: 'carol' })
    memberFailures.set('carol', refusal(403, '/api/v4/channels/ours-db-down/members'))
    await expect(reconcile(started)).resolves.toBeUndefined()
    expect(members).toEqual(['ours-db-down/alice'])
    expect(warnings).toEqual([expect.objectContaining({ incidentId: 'i1', channelId: 'ours-db-down', userId: 'carol' })])
  })

  it('throws when Mattermost is unavailable while adding someone, so the start is retried and both are added', async () => {
    const { reconcile, started, memberFailures, members } = await setUp([], { reporter: 'carol' })
    memberFailures.set('carol', unavailable())
    await expect(reconcile(started)).rejects.toThrow('Mattermost unavailable')
    await reconcile(started)
    expect(members).toEqual(['ours-db-down/carol', 'ours-db-down/alice'])
  })

  it('throws any failure other than a refusal for good while adding someone (a bug, a 429), instead of passing over the person', async () => {
    for (const failure of [new TypeError("Cannot read properties of undefined (reading 'id')"), refusal(429, '/api/v4/channels/ours-db-down/members')]) {
      const { reconcile, started, memberFailures, members, warnings } = await setUp([], { reporter: 'carol' })
      memberFailures.set('carol', failure)
      await expect(reconcile(started)).rejects.toBe(failure)
      expect(warnings).toEqual([])
      await reconcile(started)
      expect(members).toEqual(['ours-db-down/carol', 'ours-db-down/alice'])
    }
  })
})
