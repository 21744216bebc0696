import * as E from 'fp-ts/lib/Either.js'
import type { Command, CommandHandler } from '@incident-kit/core'
import { describe, expect, it } from 'vitest'
import { POST_MESSAGE_MAX_RUNES, runeLength } from '../render/post-size.js'
import type { BotDeps } from '../runtime/bot-deps.js'
import { ephemeral, send, type Invocation } from './invocation.js'

const invocation: Invocation = { userId: 'alice', teamId: 't1', channelId: 'c1', deliveryKey: 'slash-1', mentions: {} }

describe('send', () => {
  it('refuses a text over its limit before the core sees the command', async () => {
    const handled: Command[] = []
    const handler = { handle: async (command: Command) => (handled.push(command), E.right([])) } as unknown as CommandHandler
    const result = await send({ handler } as BotDeps, invocation, { type: 'AddNote', incidentId: 'i1', text: 'x'.repeat(3_001) })
    expect(result).toEqual(E.left(expect.objectContaining({ _tag: 'InvalidCommand', field: 'text' })))
    expect(handled).toEqual([])
  })
})

describe('ephemeral', () => {
  it('cuts a reply to the size of a Mattermost post', () => {
    expect(runeLength(ephemeral('- an entry of a long timeline\n'.repeat(1_000)).text!)).toBeLessThanOrEqual(POST_MESSAGE_MAX_RUNES)
  })
})
