import * as E from 'fp-ts/lib/Either.js'
import type { Command, CommandHandler } from '@incident-kit/core'
import { describe, expect, it } from 'vitest'
import { MATTERMOST_UNAVAILABLE, MattermostUnavailableError } from '../../client/index.js'
import { POST_MESSAGE_MAX_RUNES, runeLength } from '../render/post-size.js'
import type { BotDeps } from '../runtime/bot-deps.js'
import { send, type Invocation } from './invocation.js'
import { ephemeral } from './replies.js'

const invocation: Invocation = { userId: 'alice', teamId: 't1', channelId: 'c1', deliveryKey: 'slash-1' }

describe('send', () => {
  it('refuses a text over its limit before the core sees the command', async () => {
    const handled: Command[] = []
    const handler = { handle: async (command: Command) => (handled.push(command), E.right([])) } as unknown as CommandHandler
    const result = await send({ handler } as BotDeps, invocation, { type: 'AddNote', incidentId: 'i1', text: 'x'.repeat(3_001) })
    expect(result).toEqual(E.left(expect.objectContaining({ _tag: 'InvalidCommand', field: 'text' })))
    expect(handled).toEqual([])
  })

  it('logs a command the core gave up on after losing every race on its stream as a warning', async () => {
    const conflict = { _tag: 'ConcurrencyConflict', streamId: 'incident-i1', expected: '7', actual: 8, attempts: 10, message: 'incident-i1 kept changing' }
    const handler = { handle: async () => E.left(conflict) } as unknown as CommandHandler
    const warnings: Array<Readonly<Record<string, unknown>>> = []
    const logger = { debug: () => undefined, info: () => undefined, warn: (object: Readonly<Record<string, unknown>>) => void warnings.push(object), error: () => undefined }
    const result = await send({ handler, logger } as unknown as BotDeps, invocation, { type: 'CheckItem', incidentId: 'i1', itemId: 'it1' })
    expect(result).toEqual(E.left(conflict))
    expect(warnings).toEqual([{ incidentId: 'i1', streamId: 'incident-i1', command: 'CheckItem', attempts: 10 }])
  })

  describe('a command that puts someone in charge', () => {
    const inTeam = (teamId: string, userId: string) => teamId === 't1' && userId === 'bob'
    /** Counts the reads of the incident: its caller already loaded it, so `send` reads it no more. */
    const depsWith = (getTeamMember: (teamId: string, userId: string) => Promise<unknown>, knownNames: readonly string[] = ['bob', 'eve']) => {
      const handled: Command[] = []
      const reads: string[] = []
      const lookedUp: string[] = []
      const handler = {
        handle: async (command: Command) => (handled.push(command), E.right([])),
        loadIncident: async (incidentId: string) => (reads.push(incidentId), E.right({ status: 'active', teamId: 't1' })),
      } as unknown as CommandHandler
      const names = {
        mention: async (id: string) => (lookedUp.push(id), `@${id}`),
        knownMention: (id: string) => (knownNames.includes(id) ? `@${id}` : undefined),
      }
      const deps = { handler, requestApi: { getTeamMember }, names } as unknown as BotDeps
      return { deps, handled, reads, lookedUp }
    }

    it("is checked against the invocation's team without reading the incident again", async () => {
      const { deps, handled, reads } = depsWith(async (teamId, userId) => (inTeam(teamId, userId) ? { user_id: userId, delete_at: 0 } : undefined))
      const outsider = await send(deps, invocation, { type: 'ChangeCommander', incidentId: 'i1', commanderId: 'eve' })
      expect(outsider).toEqual(E.left(expect.objectContaining({ _tag: 'InvalidCommand', field: 'commanderId', message: "@eve is not a member of this incident's team, so they cannot command it" })))
      expect(E.isRight(await send(deps, invocation, { type: 'AssignItem', incidentId: 'i1', itemId: 'it1', assigneeId: 'bob' }))).toBe(true)
      expect(handled).toEqual([expect.objectContaining({ type: 'AssignItem', assigneeId: 'bob' })])
      expect(reads).toEqual([])
    })

    it('is refused with a request to try again when Mattermost cannot say', async () => {
      const { deps, handled } = depsWith(async () => {
        throw new MattermostUnavailableError(MATTERMOST_UNAVAILABLE, 'down', 2, undefined)
      })
      const result = await send(deps, invocation, { type: 'AssignItem', incidentId: 'i1', itemId: 'it1', assigneeId: 'bob' })
      expect(result).toEqual(E.left(expect.objectContaining({ field: 'assigneeId', message: "Mattermost cannot confirm that @bob is a member of this incident's team right now; try again in a moment" })))
      expect(handled).toEqual([])
    })

    it('names someone whose name is not known yet by their role, without asking the Mattermost that just failed', async () => {
      const unavailable = async () => {
        throw new MattermostUnavailableError(MATTERMOST_UNAVAILABLE, 'down', 2, undefined)
      }
      const { deps, handled, lookedUp } = depsWith(unavailable, [])
      const result = await send(deps, invocation, { type: 'ChangeCommander', incidentId: 'i1', commanderId: 'carol' })
      expect(result).toEqual(E.left(expect.objectContaining({ field: 'commanderId', message: "Mattermost cannot confirm that the new commander is a member of this incident's team right now; try again in a moment" })))
      expect(lookedUp).toEqual([])
      expect(handled).toEqual([])
    })
  })
})

describe('ephemeral', () => {
  it('cuts a reply to the size of a Mattermost post', () => {
    expect(runeLength(ephemeral('- an entry of a long timeline\n'.repeat(1_000)).text!)).toBeLessThanOrEqual(POST_MESSAGE_MAX_RUNES)
  })
})
