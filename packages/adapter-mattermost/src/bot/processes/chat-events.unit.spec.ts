import * as E from 'fp-ts/lib/Either.js'
import { createCommandHandler, createInMemoryEventStore, incidentError, manualClock, sequentialIds, type CommandHandler } from '@incident-kit/core'
import { describe, expect, it } from 'vitest'
import type { MattermostChannel, MattermostLogger, MattermostPost, MattermostReaction } from '../../client/index.js'
import type { BotDeps } from '../runtime/bot-deps.js'
import { idFromKey } from '../runtime/delivery-ids.js'
import { createChatEventHandler, startQuoting } from './chat-events.js'

const TRIGGER = 'rotating_light'
const post = (message: string, id = 'post-1'): MattermostPost =>
  ({ id, channel_id: 'town-square', user_id: 'alice', root_id: '', message, type: '', props: {}, create_at: 1, update_at: 1 }) as MattermostPost
const reaction = (postId = 'post-1'): MattermostReaction => ({ user_id: 'bob', post_id: postId, emoji_name: TRIGGER, create_at: 2 })

/** Deps over an in-memory store (or the given handler) and a Mattermost of one post in a team's channel. */
const setUp = (options: { handler?: CommandHandler; teamId?: string; message?: string } = {}) => {
  const store = createInMemoryEventStore()
  const handler = options.handler ?? createCommandHandler({ store, clock: manualClock('2026-03-01T09:00:00.000Z'), ids: sequentialIds() })
  const warnings: Array<Record<string, unknown>> = []
  const logger: MattermostLogger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (fields, message) => void warnings.push({ ...(fields as Record<string, unknown>), message }),
    error: () => undefined,
  }
  const channel = { id: 'town-square', team_id: options.teamId ?? 'team-1' } as MattermostChannel
  const api = { getPost: async () => post(options.message ?? 'API down'), getChannel: async () => channel }
  const model = { incidentInChannel: () => undefined }
  const deps = { api, handler, model, logger, settings: { reactionEmoji: TRIGGER } } as unknown as BotDeps
  return { deps, handler, warnings }
}

const conflict = incidentError('ConcurrencyConflict', { streamId: 'incident-x', expected: '3', actual: 4, attempts: 10 }, 'stream incident-x moved on')
const conflictingHandler = { handle: async () => E.left(conflict) } as unknown as CommandHandler

describe('startQuoting', () => {
  it('logs a refused start as a warning naming the post, the reacting user and the error, and does not throw', async () => {
    // An empty team id is refused (InvalidCommand): nothing would start it however often it is tried.
    const { deps, warnings } = setUp()
    await expect(startQuoting(deps, post('API down'), '', 'bob')).resolves.toBeUndefined()
    expect(warnings).toEqual([
      expect.objectContaining({ postId: 'post-1', userId: 'bob', code: 'InvalidCommand', err: 'teamId must not be empty', message: expect.stringContaining('did not start an incident') }),
    ])
  })

  it('logs nothing when the start is repeated or the incident exists already', async () => {
    const { deps, handler, warnings } = setUp()
    await startQuoting(deps, post('API down'), 'team-1', 'bob')
    await startQuoting(deps, post('API down'), 'team-1', 'carol')
    // Started by another command for the same post: IncidentAlreadyExists.
    await handler.handle({ type: 'StartIncident', incidentId: idFromKey('reaction-post-2'), teamId: 'team-1', name: 'x' }, { commandId: 'other', actorId: 'alice' })
    await startQuoting(deps, post('API down', 'post-2'), 'team-1', 'bob')
    expect(warnings).toEqual([])
  })

  it('throws on a ConcurrencyConflict, so that the reaction is tried again', async () => {
    const { deps, warnings } = setUp({ handler: conflictingHandler })
    await expect(startQuoting(deps, post('API down'), 'team-1', 'bob')).rejects.toThrow(/post-1.*bob.*ConcurrencyConflict/)
    expect(warnings).toEqual([])
  })

  it('names the incident after the first line that shows something', async () => {
    const { deps, handler, warnings } = setUp()
    await startQuoting(deps, post('\u200B\u200B\n\nDisk full on db-2'), 'team-1', 'bob')
    await startQuoting(deps, post('\u200B', 'post-2'), 'team-1', 'bob')
    expect(warnings).toEqual([])
    const name = async (postId: string) => E.map((state: { name: string }) => state.name)(await handler.loadIncident(idFromKey(`reaction-${postId}`)))
    expect(await name('post-1')).toEqual(E.right('Disk full on db-2'))
    expect(await name('post-2')).toEqual(E.right('Incident from a post'))
  })
})

describe('a live trigger reaction', () => {
  /** What the chat event handler tells the reaction catch-up of the reaction's handling, settled. */
  const handlingOf = async (deps: BotDeps) => {
    const outcomes: Promise<'handled' | 'failed'>[] = []
    const onEvent = createChatEventHandler(deps, 'bot-user', {
      isStopped: () => false,
      // As `ReactionCatchUp.onTriggerReaction`: a rejection is a reaction to look for again.
      onTriggerReaction: (_, handling) => void outcomes.push(handling.then(() => 'handled' as const, () => 'failed' as const)),
    })
    await onEvent({ type: 'reaction_added', channelId: 'town-square', reaction: reaction(), seq: 1 })
    expect(outcomes).toHaveLength(1)
    return outcomes[0]
  }

  it('counts as handled when its start was refused for good (logged), and as failed, to be looked for again, on a conflict', async () => {
    const invalid = setUp({ handler: { handle: async () => E.left(incidentError('InvalidCommand', { field: 'name' }, 'name must not be empty')) } as unknown as CommandHandler })
    expect(await handlingOf(invalid.deps)).toBe('handled')
    expect(invalid.warnings).toEqual([expect.objectContaining({ postId: 'post-1', userId: 'bob', code: 'InvalidCommand', err: 'name must not be empty' })])
    const conflicting = setUp({ handler: conflictingHandler })
    expect(await handlingOf(conflicting.deps)).toBe('failed')
  })
})
