import { describe, expect, it } from 'vitest'
import type { BotDeps } from '../runtime/bot-deps.js'
import { POST_MESSAGE_MAX_RUNES, runeLength } from '../render/post-size.js'
import { tellLateRefusal } from './tell-late-refusal.js'

/** Deps whose api records the direct messages the bot would post. */
const recordingDeps = () => {
  const posts: { channelId: string; message: string }[] = []
  const api = {
    getDirectChannel: async (userId: string) => ({ id: `dm-${userId}` }),
    createPost: async (post: { channelId: string; message: string }) => {
      posts.push(post)
      return { id: `post-${posts.length}` }
    },
  }
  return { deps: { api } as unknown as BotDeps, posts }
}

describe('tellLateRefusal', () => {
  it('tells the person in a direct message, with the refusal once marked', async () => {
    const { deps, posts } = recordingDeps()
    await tellLateRefusal(deps, 'u1', 'click', ':warning: The incident has ended.')
    expect(posts).toEqual([{ channelId: 'dm-u1', message: ':warning: Your click was not carried out after all: The incident has ended.' }])
  })

  it('quiets a channel-wide mention and fits the post when the refusal quotes what the person typed', async () => {
    const { deps, posts } = recordingDeps()
    const typed = `@channel ${'x'.repeat(POST_MESSAGE_MAX_RUNES)}`
    await tellLateRefusal(deps, 'u1', 'dialog submission', `An item titled "${typed}" is already there.`)
    const message = posts[0]!.message
    expect(message).not.toMatch(/@channel/)
    expect(message).toContain('@\u2060channel')
    expect(runeLength(message)).toBeLessThanOrEqual(POST_MESSAGE_MAX_RUNES)
  })

  it('sends nothing when there was no refusal', async () => {
    const { deps, posts } = recordingDeps()
    await tellLateRefusal(deps, 'u1', 'click', undefined)
    expect(posts).toEqual([])
  })
})
